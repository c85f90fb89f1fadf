// Package tdkt holds the domain of emulation and reward work ("thi đua, khen thưởng"):
// organisations, people, collectives and households with their lifelong records, the
// catalogue of titles and reward forms, accounts and roles, and the one error type.
//
// The package is pure: no I/O, no database, no HTTP. The legal rules live in package
// rules, the use cases in core, storage in sqldb, pages in web and the JSON API in api.
package tdkt
