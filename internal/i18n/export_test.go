package i18n

// The catalog helpers of catalog_test.go, for the external tests of
// ids_test.go (which import domain packages that import i18n).
var (
	Areas             = areas
	ReadCatalog       = readCatalog
	RequiredLanguages = requiredLanguages
)
