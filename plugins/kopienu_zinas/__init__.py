"""Kopienu ziņas: the site's own Pelican plugins (one package so they can share `common`)."""
