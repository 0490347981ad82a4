//! TypeScript spellings of contract types.

use minijinja::Environment;

pub fn register(env: &mut Environment<'_>) {
    let _ = env;
}
