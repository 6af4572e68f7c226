"""Modal screens: help, note prompt, confirmation."""
