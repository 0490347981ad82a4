//! What one parsed input may cost in memory (spec/DECISIONS.md D9), estimated
//! from what `serde_json::Value` allocates, so that neither the text's size
//! nor a count of values is the bound: `[0,0,...]` spends 2 bytes of text on a
//! 32-byte value, and `[{"a":0},...]` 8 bytes on a 632-byte B-tree node.

use std::cell::Cell;
use std::mem::size_of;

use serde_json::Value;

use crate::error::Code;

/// A value's slot in an array.
const VALUE_BYTES: usize = size_of::<Value>();
/// Members per node of the B-tree behind `serde_json::Map`.
const NODE_MEMBERS: usize = 11;
/// One B-tree leaf: keys and values of `NODE_MEMBERS` members plus its header.
/// Every non-empty object allocates a whole one, however few members it holds.
const NODE_BYTES: usize = NODE_MEMBERS * (size_of::<String>() + VALUE_BYTES) + 16;

/// The least any input may build: 8 MiB, the cost of 262,144 small values.
const MIN_TREE_BYTES: usize = 8 << 20;

/// The estimated memory a tree built from `text_len` bytes of JSON text may
/// take: 2.5 bytes per byte of text, at least 8 MiB. With the
/// text itself and a growing array's spare capacity, the peak stays within
/// 4 times the text plus 16 MiB (tests/vectors/memory.json).
pub const fn tree_budget(text_len: usize) -> usize {
    let scaled = text_len.saturating_mul(5) / 2;
    if scaled > MIN_TREE_BYTES { scaled } else { MIN_TREE_BYTES }
}

/// The budget of a host's own value (a JavaScript object, a Python dict),
/// which has no text: that of the largest text accepted.
pub const MAX_HOST_TREE_BYTES: usize = tree_budget(crate::contract::MAX_INPUT_BYTES);

/// The memory a tree being built may still take. Each method charges one part
/// of the tree and answers false, with nothing charged, once the budget is spent.
#[derive(Debug)]
pub struct TreeBudget {
    left: Cell<usize>,
    /// Which limit stopped the tree, so a caller tells it from its
    /// deserializer's own errors without their text: `too_large` here, `too_deep`
    /// from the builder (tree.rs).
    exceeded: Cell<Option<Code>>,
}

impl TreeBudget {
    /// A budget of `bytes`.
    pub fn new(bytes: usize) -> Self {
        TreeBudget { left: Cell::new(bytes), exceeded: Cell::new(None) }
    }

    /// The budget of a host's own value ([`MAX_HOST_TREE_BYTES`]).
    pub fn for_host() -> Self {
        Self::new(MAX_HOST_TREE_BYTES)
    }

    fn charge(&self, bytes: usize) -> bool {
        match self.left.get().checked_sub(bytes) {
            Some(left) => {
                self.left.set(left);
                true
            }
            None => {
                self.exceeded.set(Some(Code::TooLarge));
                false
            }
        }
    }

    /// Records that the tree went past another limit (`too_deep`).
    pub(super) fn exceed(&self, code: Code) {
        self.exceeded.set(Some(code));
    }

    /// The limit that stopped the tree, if one did.
    pub(super) fn exceeded(&self) -> Option<Code> {
        self.exceeded.get()
    }

    /// A string value's text (its slot is its container's).
    pub fn text(&self, len: usize) -> bool {
        self.charge(len)
    }

    /// Before pushing onto a `Vec<Value>` of `len` items and `capacity` slots:
    /// the slots it grows by when it is full (doubling, at least 4, as `Vec` does).
    pub fn item(&self, len: usize, capacity: usize) -> bool {
        len < capacity || self.charge(capacity.max(4).saturating_mul(VALUE_BYTES))
    }

    /// Member `index` of an object, with a key of `key_len` bytes: the key's
    /// text, and a new B-tree node (holding the slots) at every `NODE_MEMBERS`-th member.
    pub fn member(&self, index: usize, key_len: usize) -> bool {
        let node = if index % NODE_MEMBERS == 0 { NODE_BYTES } else { 0 };
        self.charge(node.saturating_add(key_len))
    }

    /// Charge a copy of a whole tree made elsewhere (a caller's value), before making it.
    pub fn tree(&self, value: &Value) -> bool {
        match value {
            Value::String(text) => self.text(text.len()),
            Value::Array(items) => {
                self.charge(items.len().saturating_mul(VALUE_BYTES)) && items.iter().all(|item| self.tree(item))
            }
            Value::Object(members) => {
                members.iter().enumerate().all(|(index, (key, item))| self.member(index, key.len()) && self.tree(item))
            }
            _ => true,
        }
    }
}
