// Package rules is the legal rules engine of tdkt: pure functions over a subject's
// records that answer the four questions of docs/check.md —
// eligibility for a title or reward form, reward money, council votes and
// working-day deadlines.
//
// Everything that the law fixes as a number or a switch (thresholds, shares,
// money coefficients, base salaries, deadlines, which variant of a contested
// rule applies) is data in a RuleSet, chosen by the date of the proposal or
// decision (as_of). Provisions whose text has not been read are marked
// unverified, and every answer that applied one says so. docs/law.md gives the
// source of each rule and lists the unverified ones.
//
// The package does no I/O and never reads the clock: dates come from the input.
package rules
