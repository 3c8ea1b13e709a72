"""Stage 4, pages: the model → Markdown pages in build/docs, through Jinja templates."""
