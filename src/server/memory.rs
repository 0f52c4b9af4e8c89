//! Step 6 of the flow (server).
//!
//! Giving memory back after a snapshot is built. Rendering and compressing a whole site
//! on every core leaves each thread's malloc arena holding the freed working memory; the
//! allocator keeps it for reuse, so the process would stay as large as its busiest
//! moment. The server then runs for weeks with only lookups to do.
//!
//! Two arenas, too: a snapshot's documents are made on short-lived rendering threads, and
//! with glibc's default of up to eight arenas per core the long-lived ones end up
//! scattered over many arenas that no trim can empty. With 100 times the bundled content,
//! memory grew by about 10 MB with every reload (172 → 258 MB over eight reloads). With
//! two arenas it settles (171 MB at start, 193–217 MB over sixteen reloads); with one it
//! stays flatter still (164–172 MB), but the threads then wait on each other's
//! allocations and the bundled site takes half as long again to render.

/// Makes every thread allocate from one of two arenas. Call before any thread is started.
pub fn two_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets one of the allocator's parameters, before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns freed memory at the top of every arena, and whole free pages inside them, to
/// the system (glibc's `malloc_trim`). Elsewhere there is nothing to do.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists, under its locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
