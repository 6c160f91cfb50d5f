// Package lexicon is the multilingual data the synthesis engine needs to
// read inputs written in the seven languages of the review (ar, en, es, fr,
// pt, ru, zh): a glossary of concepts (the eleven WSIS Action Lines, the
// seventeen SDGs and the recurring topics of WSIS+20) whose terms put
// "brecha digital" and "the digital divide" in the same theme; stop words;
// cue phrases that tell successes, failures and expectations apart; and,
// for Chinese, a word list to segment text written without spaces.
//
// The data is plain text under data/, embedded in the binary, parsed and
// validated once on first use. It is meant to be edited and reviewed by
// translators, one language at a time:
//
//	data/concepts.tsv        one row per concept: id, kind, parents
//	data/<lang>/concepts.tsv one row per concept: id, name, terms
//	data/<lang>/stopwords.txt function words
//	data/<lang>/cues.txt     cue phrases under [success], [failure], [expectation]
//	data/zh/words.txt        Chinese words for segmentation
//
// In every file a line that starts with # is a comment, blank lines are
// ignored, and the text is UTF-8 in Unicode normalization form C.
//
// data/concepts.tsv has three tab-separated columns: the id ("C1".."C11",
// "SDG1".."SDG17", or a lowercase slug such as "digital-divide"), the kind
// ("action_line", "sdg" or "concept") and the parents, the ids of the Action
// Lines and SDGs a topic belongs to, separated by commas (a match of the
// topic also tags them; the column may be empty).
//
// data/<lang>/concepts.tsv has three tab-separated columns: the id, the
// display name in that language (the official title for an Action Line or
// an SDG), and the terms, separated by semicolons. Every concept has a row
// in every language. Terms are the surface forms that show a text is about
// the concept, as texts write them: lowercase, with plurals, inflected forms
// (Russian cases, Arabic with and without the article) and the usual
// synonyms. For Arabic the loader adds to every term its forms after the
// joined conjunction و and prepositions ب and ل (والفجوة، بالفجوة، للفجوة،
// وبالفجوة، وللفجوة) and its spelling without hamza on alif (الانترنت for
// الإنترنت), so data/ar/concepts.tsv lists the standard bare forms only.
//
// A term may be several words. It is meant to be matched against the
// lowercased NFC text on word boundaries in the languages written with
// spaces (short terms such as "ai" or "ia" would be found inside other
// words otherwise), hyphens and apostrophes counting as boundaries (so
// "intelligence artificielle" is found in "l'intelligence artificielle"
// and "capacity-building" reads as "capacity building"), and anywhere in
// Chinese text. A term therefore holds no other punctuation, and two
// spellings that read alike belong to the same concepts (the tests check
// both). Russian terms are written with е, adding the ё spelling where
// texts often use it (партнёрство); Arabic terms carry no short vowels or
// shadda. The same term may serve two concepts (cybersecurity is both C5
// and a topic).
//
// Cue phrases are matched on the sentence as written (lowercased), before
// stop words are removed: the English stop words include "should" and
// "must", which are also cues of an expectation.
//
// stopwords.txt and words.txt hold words separated by spaces or line
// breaks; a stop word is one word as the text is cut into words (French
// "l" and "qu", not "l'" and "qu'"). cues.txt holds one phrase a line below the header of its framing.
// Words("zh") is data/zh/words.txt together with the Chinese stop words of
// several characters and every zh term of the glossary written in Chinese
// characters only, so the segmenter keeps "因此" and "数字鸿沟" whole.
//
// A malformed file (a missing column, an unknown id or parent, an upper-case
// or duplicated term, a missing framing) is an error of the loader with the
// file and the line; TestData fails on it, and the accessors panic with it
// rather than work on part of the data.
package lexicon
