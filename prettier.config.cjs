/** @type {import('prettier').Config} */
// Prettier settings of the OCA 18.0 repository template (with the XML plugin).

const config = {
    // Load the plugin by path: https://github.com/prettier/prettier/issues/15388
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
