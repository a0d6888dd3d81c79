import { configure } from '@testing-library/react';

// Pages load lazily (their code is a chunk of its own), which on a busy machine takes longer
// than testing-library's default second: every find and waitFor waits up to five.
configure({ asyncUtilTimeout: 5_000 });
