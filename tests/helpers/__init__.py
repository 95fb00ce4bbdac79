"""What several test folders share: running the CLI as a subprocess, building stores."""
