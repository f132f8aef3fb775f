// Copyright 2026 Complaints Team
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Chatter} from "@mail/chatter/web_portal/chatter";
import {patch} from "@web/core/utils/patch";

patch(Chatter.prototype, {
    /**
     * A reader of a complaint record who may not post on it (the auditor): the
     * chatter shows the history without the composer and upload buttons, which
     * would only end in an access error (complaint.chatter.mixin).
     */
    get complaintReadOnly() {
        const thread = this.state.thread;
        return Boolean(
            thread?.id &&
                thread.model?.startsWith("complaint.") &&
                thread.hasWriteAccess === false &&
                !(thread.hasReadAccess && thread.canPostOnReadonly)
        );
    },
});
