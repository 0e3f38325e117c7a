//! Host integration tests: see tests/host/.
