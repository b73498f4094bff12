//! Splits convention texts into articles and clauses.
