"""Settings: `base` reads the environment with production-safe defaults; `test` is for pytest."""
