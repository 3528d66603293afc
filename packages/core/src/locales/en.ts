import type { Catalogue } from "../internal/catalogue"

/**
 * English messages.
 *
 * @since 0.1.0
 * @category models
 */
export const en: Catalogue = {
  errors: {
    "invalid-json": "cannot parse as JSON{detail}",
    "invalid-csv": "cannot parse CSV{detail}",
    "missing-field": "required field is missing",
    "unexpected-field": "unknown field",
    "invalid-type": "wrong type{expected}",
    "invalid-value": "invalid value{value}{expected}",
    "invalid-date": "invalid date{value}, expected a real calendar date YYYY-MM-DD",
    "invalid-decimal": "invalid number{value}",
    "invalid-unit": "unknown unit{value}, known units are mg/kg, ug/kg (µg/kg, μg/kg), d, h, degree-days",
    "invalid-region": "invalid region code{value}, expected six GB/T 2260 digits",
    "unreadable-measurement": "cannot read measured value{value}",
    "unit-mismatch": "units cannot be compared{value}",
    "unknown-record-kind": "unknown record kind{value}",
    "unknown-food": "unknown food{name}{nearest}",
    "unknown-substance": "unknown substance{name}{nearest}",
    "unknown-species": "unknown species{name}{nearest}",
    "unknown-tissue": "unknown tissue{name}{nearest}",
    "ambiguous-name": "ambiguous name{name}, it may mean {candidates}",
    "not-an-animal-product": "{name} is not an animal product and cannot be judged by species and tissue",
    "date-order": "dates are out of order{value}",
    "pack-unknown-reference": "rule pack refers to an unknown entry{name}",
    "pack-duplicate": "duplicate entry{name}",
    "pack-overlap": "overlapping effective periods for the same subject{name}",
    "pack-uncited": "entry has no citation{name}",
    "pack-loosens": "lower pack{layer} tries to loosen a rule of pack{parent}{name}{detail}",
    "pack-unknown-parent": "parent pack not found{name}",
    "pack-cycle": "pack parents form a cycle{name}",
    "rule-unknown-fact": "custom rule reads an undefined fact{name}",
    "rule-unknown-operator": "custom rule uses an unknown operator{name}",
    "rule-invalid": "invalid custom rule{detail}",
    "usage": "usage error{detail}",
    "io": "cannot read or write{detail}"
  },
  outcomes: {
    "not-detected": "not detected",
    "within-limit": "within limit",
    "exceeds-limit": "exceeds limit",
    "exceeds-within-uncertainty": "above limit but within measurement uncertainty",
    "detected-must-not-detect": "detected where it must not be detected",
    "prohibited-substance-detected": "prohibited substance detected",
    "no-limit": "no limit set",
    "inconclusive": "not detected, but the reporting limit is above the limit: cannot decide",
    "screen-negative": "rapid test negative",
    "screen-positive": "rapid test positive, confirm by a laboratory method",
    "interval-respected": "interval respected",
    "interval-too-short": "interval not respected",
    "interval-unknown": "interval unknown",
    "prohibited-in-state": "prohibited in this production state",
    "use-prohibited": "prohibited substance used",
    "use-outside-registration": "used outside its registration",
    "registered-use": "registered use",
    "custom": "local rule"
  },
  verdicts: { "compliant": "compliant", "non-compliant": "non-compliant", "indeterminate": "indeterminate" },
  referrals: { "criminal-referral": "suspected crime, refer to the police", "administrative": "administrative handling", "confirm-by-lab": "confirm by a laboratory method" },
  words: { at: "at", nearest: ", nearest known names: ", expected: ", expected ", unverified: " (rests on data not verified against the official text)" }
}
