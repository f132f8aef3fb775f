# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""complaint.input.mixin: the values a client sends are checked before anything is
written (ISO 10002 4.9): bounded texts, real and finite numbers in range, dates that
parse. Each error is a translated ValidationError naming the field."""

import math
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# PostgreSQL ``integer`` columns
INT32_MAX = 2**31 - 1
# What a number the user types may be at most (amounts, hours): beyond it, a typo.
FLOAT_MAX = 1e12


class ComplaintInputMixin(models.AbstractModel):
    _name = "complaint.input.mixin"
    _description = "Checks of Client Input"

    # {field name: max characters}; ``_get_text_limits`` may add configured ones
    _text_limits = {}
    # {field name: (min, max)} for numbers with a business range
    _number_ranges = {}

    @api.model
    def _get_text_limits(self, vals):
        return dict(self._text_limits)

    @api.model
    def _check_input_values(self, vals_list):
        """Refuse malformed or out-of-range values of ``vals_list`` before the ORM
        converts or stores them."""
        for vals in vals_list:
            limits = self._get_text_limits(vals)
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is None or value is False or value is None:
                    continue
                if field.type in ("char", "text", "html") and name in limits:
                    self._check_input_text(field, value, limits[name])
                elif field.type in ("float", "monetary", "integer"):
                    self._check_input_number(field, value)
                elif field.type in ("date", "datetime"):
                    self._check_input_date(field, value)
        return True

    def _check_input_text(self, field, value, limit):
        if not isinstance(value, str):
            raise ValidationError(
                self.env._(
                    "%(field)s must be a text.",
                    field=field._description_string(self.env),
                )
            )
        if len(value) > limit:
            raise ValidationError(
                self.env._(
                    "%(field)s is too long: %(size)s characters, at most %(limit)s.",
                    field=field._description_string(self.env),
                    size=len(value),
                    limit=limit,
                )
            )

    def _check_input_number(self, field, value):
        label = field._description_string(self.env)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.env._("%(field)s must be a number.", field=label)
            ) from None
        if math.isnan(value) or math.isinf(value):
            raise ValidationError(
                self.env._("%(field)s must be a finite number.", field=label)
            )
        low, high = self._number_ranges.get(
            field.name,
            (-INT32_MAX, INT32_MAX)
            if field.type == "integer"
            else (-FLOAT_MAX, FLOAT_MAX),
        )
        if not low <= value <= high:
            raise ValidationError(
                self.env._(
                    "%(field)s must be between %(low)s and %(high)s.",
                    field=label,
                    low=low,
                    high=high,
                )
            )

    def _check_input_date(self, field, value):
        try:
            if field.type == "datetime":
                parsed = fields.Datetime.to_datetime(value)
            else:
                parsed = fields.Date.to_date(value)
        except (ValueError, TypeError):
            parsed = None
        if not isinstance(parsed, date | datetime):
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a valid date.",
                    field=field._description_string(self.env),
                    value=str(value)[:40],
                )
            )
        if parsed.year < 1900:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a plausible date.",
                    field=field._description_string(self.env),
                    value=str(value)[:40],
                )
            )
