//! The builder's nodes, by index, kept in chunks so that the memory of nodes already
//! turned into the tree is freed while the rest of the tree is made, instead of the
//! arena and the tree being both whole in memory at the end.

use std::ops::{Index, IndexMut};

/// Nodes per chunk: large enough that the allocator usually maps a chunk on its own and
/// gives it back to the system when it is freed (else its memory is reused by the tree).
const CHUNK: usize = 4096;

#[derive(Debug)]
pub(crate) struct Arena<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
    /// How many nodes of each chunk are done with (see [`Arena::done`]).
    done: Vec<usize>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Self {
            chunks: Vec::new(),
            len: 0,
            done: Vec::new(),
        }
    }
}

impl<T> Arena<T> {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, node: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
            self.done.push(0);
        }
        if let Some(last) = self.chunks.last_mut() {
            last.push(node);
        }
        self.len += 1;
    }

    /// Node `i` will not be read again: once every node of its chunk is, the chunk is
    /// freed. Reading a node of a freed chunk panics.
    pub(crate) fn done(&mut self, i: usize) {
        let c = i / CHUNK;
        self.done[c] += 1;
        if self.done[c] == self.chunks[c].len()
            && (c + 1 < self.chunks.len() || self.len.is_multiple_of(CHUNK))
        {
            self.chunks[c] = Vec::new();
        }
    }
}

impl<T> Index<usize> for Arena<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> IndexMut<usize> for Arena<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_read_back_by_index_across_chunks() {
        let mut a = Arena::default();
        for i in 0..CHUNK * 2 + 5 {
            a.push(i);
        }
        assert_eq!(a.len(), CHUNK * 2 + 5);
        assert_eq!(
            (a[0], a[CHUNK], a[CHUNK * 2 + 4]),
            (0, CHUNK, CHUNK * 2 + 4)
        );
        a[3] = 7;
        assert_eq!(a[3], 7);
    }

    #[test]
    fn a_chunk_is_freed_when_all_its_nodes_are_done_in_any_order() {
        let mut a = Arena::default();
        for i in 0..CHUNK + 1 {
            a.push(i);
        }
        for i in (0..CHUNK).rev() {
            assert!(a.chunks[0].capacity() > 0);
            a.done(i);
        }
        assert_eq!(a.chunks[0].capacity(), 0, "the full chunk is freed");
        // The last chunk, not full, is kept: a node may still be pushed into it.
        a.done(CHUNK);
        assert!(a.chunks[1].capacity() > 0, "it could still grow");
        assert_eq!(a[CHUNK], CHUNK);
    }
}
