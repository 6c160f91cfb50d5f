package jobs

// LookupLoaders is lookupLoaders, for the coalescer's tests.
const LookupLoaders = lookupLoaders
