"""Stage 1, source (archives): the archived versions of the documents analyses quote.

`archive` reads and verifies `analyses/<platform>/sources/<document>/` (versions.yml and one
Markdown file per version); `store` adds versions to it; `declared` lists the documents whose
`source` platform.yml declares; `ota` imports versions from an Open Terms Archive clone with
git; `fetch` and `convert` fetch a declared URL and turn it into Markdown. The format is
described in README.md, "Archived sources".
"""
