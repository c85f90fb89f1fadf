package rules

// FieldError rejects a question: Field is the path of the offending input field
// (for example "subject.ratings.2025" or "items.0.award").
type FieldError struct {
	Field   string
	Message string
}

// Error formats the field path and the message.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldErr(field, msg string) *FieldError { return &FieldError{Field: field, Message: msg} }
