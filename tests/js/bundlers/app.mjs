// The page's entry for Vite and webpack: zero configuration.
import { check } from './checks.mjs';

check();
