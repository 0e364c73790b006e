package l10n

// scaffoldMessages are the messages of `roll new` (cmd/roll/new.go and
// package scaffold).
var scaffoldMessages = []entry{}
