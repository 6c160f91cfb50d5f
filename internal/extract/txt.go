package extract

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// txtText reads UTF-8 text, refusing invalid bytes and control characters
// anywhere in the file (Sniff only saw its start).
func txtText(ctx context.Context, r io.ReaderAt, size int64, _ *budget, out *textOut) error {
	br := bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	for i := 0; ; i++ {
		if i%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		c, n, err := br.ReadRune()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return refuse(CodeUnreadable, err)
		}
		if c == utf8.RuneError && n == 1 {
			return refuse(CodeEncoding, fmt.Errorf("invalid UTF-8 after %d characters", i))
		}
		if c == 0 || (unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r') {
			return refuse(CodeEncoding, fmt.Errorf("control character %U after %d characters", c, i))
		}
		if err := out.writeRune(c); err != nil {
			return err
		}
	}
}
