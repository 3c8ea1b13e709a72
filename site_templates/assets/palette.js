/* Material for MkDocs 9.8.2 (pinned in pyproject.toml): the inline script of its
   partials/javascripts/palette.html, unchanged. Loaded from this cached file by
   overrides/partials/javascripts/palette.html instead of repeated in every page; it still
   runs where it did, blocking, so the palette the reader chose applies before the first
   paint. Re-copy it when Material is upgraded (tests/test_palette_script.py compares). */
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
