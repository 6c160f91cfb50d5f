package store

// The error classification, for dialect_test.go (package store_test, so
// that it shares eachEngine and dbtest, which imports this package).
type ErrorClass = errorClass

const (
	Unclassified        = unclassified
	UniqueViolation     = uniqueViolation
	ForeignKeyViolation = foreignKeyViolation
	Contention          = contention
)

func Classify(err error) ErrorClass { return classify(err) }
