"""What the plugins share: the build clock, date formatting, UI translations, content problems."""
