//! Bringing a search index up to date with a folder's files: new files
//! added, changed ones indexed again, removed ones dropped, on several
//! threads, committed with the digest of every stamp so the next update
//! that finds nothing changed is one comparison.

use super::*;

impl LibraryIndex {
    /// Bring the index up to date with `files` (add new, re-index changed,
    /// drop removed); `progress(done, total)` as files are indexed, for a
    /// progress bar (not called when nothing changed).
    pub fn update(
        &mut self,
        files: &[FileStamp],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateStats, IndexError> {
        self.update_digested(files, digest_of(files), progress)
    }

    /// [`LibraryIndex::update`] given the digest of `files`.
    pub(crate) fn update_digested(
        &mut self,
        files: &[FileStamp],
        digest: Digest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateStats, IndexError> {
        let at = self.at.clone();
        let result = guard::contain(&at, || self.update_unguarded(files, digest, progress));
        match &result {
            Ok(stats) if *stats != UpdateStats::default() => trace(
                &at,
                &format!(
                    "updated: {} added, {} changed, {} removed",
                    stats.added, stats.changed, stats.removed
                ),
            ),
            Ok(_) | Err(IndexError::Busy { .. } | IndexError::NoRoom { .. }) => {}
            Err(e) => trace(&at, &format!("update failed: {e}")),
        }
        result
    }

    fn update_unguarded(
        &mut self,
        files: &[FileStamp],
        digest: Digest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateStats, IndexError> {
        if self.committed_digest() == Some(digest) {
            return Ok(UpdateStats::default());
        }
        // Documents are sent only as fast as they are taken up.
        let intake = std::sync::Arc::new(intake::Intake::default());
        self.index.tokenizers().register(
            "yomu_grams",
            tokens::Grams {
                intake: Some(std::sync::Arc::clone(&intake)),
            },
        );
        // The writer's lock first: no other process commits from here on.
        let mut writer = self.writer()?;
        let outcome = self.fill(&mut writer, files, &intake, progress);
        if outcome.is_err() {
            // Drop what was added since the last commit, and the files it
            // wrote (a full disk keeps no half-built segments).
            let _ = writer.rollback();
            let _ = writer.garbage_collect_files().wait();
        }
        let merged = writer.wait_merging_threads();
        self.index
            .tokenizers()
            .register("yomu_grams", tokens::Grams::default());
        let stats = outcome?;
        merged.map_err(|e| tantivy_error(&self.at, e))?;
        self.reader
            .reload()
            .map_err(|e| tantivy_error(&self.at, e))?;
        Ok(stats)
    }

    /// Index the files of `files` the index lacks or has in another state,
    /// drop those gone, and commit, holding `writer`.
    fn fill(
        &mut self,
        writer: &mut IndexWriter,
        files: &[FileStamp],
        intake: &intake::Intake,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateStats, IndexError> {
        self.reader
            .reload()
            .map_err(|e| tantivy_error(&self.at, e))?;
        let indexed = self.manifest(&self.reader.searcher())?;
        let wanted: HashSet<&[u8]> = files.iter().map(|f| path_bytes(&f.path)).collect();
        let removed: Vec<&Vec<u8>> = indexed
            .keys()
            .filter(|p| !wanted.contains(p.as_slice()))
            .collect();
        let todo: Vec<&FileStamp> = files
            .iter()
            .filter(|f| indexed.get(path_bytes(&f.path)) != Some(&(f.size(), f.mtime_ns())))
            .collect();
        if !todo.is_empty() {
            store::check_room(&self.at, todo.iter().map(|f| f.size()).sum())?;
        }
        let mut stats = UpdateStats {
            removed: removed.len(),
            ..UpdateStats::default()
        };
        for f in &todo {
            if indexed.contains_key(path_bytes(&f.path)) {
                stats.changed += 1;
            } else {
                stats.added += 1;
            }
        }
        for p in removed {
            writer.delete_term(Term::from_field_bytes(self.fields.path, p));
        }
        // What the index holds once this update is committed.
        let mut present: HashMap<Vec<u8>, (u64, i64)> = indexed;
        present.retain(|p, _| wanted.contains(p.as_slice()));
        let now = stamp::nanos(std::time::SystemTime::now());
        let fields = self.fields;
        let total = todo.len();
        let slow = slow_down();
        let commit_every = store::commit_every(COMMIT_EVERY);
        let mut done = 0;
        let mut sent_text = 0;
        let at = self.at.clone();
        let readers = self.threads().0;
        let result = crate::parallel::pipeline(
            total,
            readers,
            readers * 8,
            |i| {
                let f = todo[i];
                if let Some(d) = slow {
                    std::thread::sleep(d);
                }
                let mtime = if f.mtime_ns() > now - RACY_NS {
                    RACY
                } else {
                    f.mtime_ns()
                };
                (f, mtime, files::document(fields, f, mtime))
            },
            |(f, mtime, doc): (&FileStamp, i64, TantivyDocument)| {
                let p = path_bytes(&f.path);
                if present.contains_key(p) {
                    writer.delete_term(Term::from_field_bytes(fields.path, p));
                }
                if doc.get_first(fields.grams).is_some() {
                    intake.wait_room(sent_text);
                    sent_text += 1;
                }
                writer
                    .add_document(doc)
                    .map_err(|e| tantivy_error(&at, e))?;
                present.insert(p.to_vec(), (f.size(), mtime));
                done += 1;
                progress(done, total);
                if done % commit_every == 0 && done < total {
                    writer.commit().map_err(|e| tantivy_error(&at, e))?;
                }
                store::stall_after_docs(done);
                Ok(())
            },
        );
        result?;
        let mut full = Digest::default();
        for (p, (size, mtime)) in &present {
            full.add(p, *size, *mtime);
        }
        store::stall("before-commit");
        let mut prepared = writer
            .prepare_commit()
            .map_err(|e| tantivy_error(&self.at, e))?;
        prepared.set_payload(&full.to_text());
        prepared.commit().map_err(|e| tantivy_error(&self.at, e))?;
        store::stall("committed");
        Ok(stats)
    }

    fn writer(&self) -> Result<IndexWriter, IndexError> {
        let threads = self.threads().1;
        self.index
            .writer_with_num_threads(threads, threads * self.memory_per_thread())
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => IndexError::Busy {
                    path: self.at.clone(),
                },
                e => tantivy_error(&self.at, e),
            })
    }
}
