use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// A unit of work: in tiny_http, one connection, served until it closes.
pub type Task = Box<dyn FnOnce() + Send>;

/// Manages a bounded collection of threads.
///
/// A new thread is created when no idle thread is free for a task, up to `max_threads`; beyond
/// that `try_spawn` hands the task back. Idle threads above the minimum die after a few seconds.
///
/// Patched (see patches/README.md): 0.12.0 had no upper bound, panicked when a thread could not
/// be created, and queued a second task for an idle thread already claimed by a first one.
pub struct TaskPool {
    sharing: Arc<Sharing>,
    max_threads: usize,
}

struct Sharing {
    state: Mutex<State>,
    // notified whenever a task is added to `todo` or the pool closes
    condvar: Condvar,
}

struct State {
    // tasks to be done by worker threads
    todo: VecDeque<Task>,
    // worker threads alive or being started
    threads: usize,
    // worker threads waiting for a task
    idle: usize,
    closing: bool,
}

/// Minimum number of threads kept alive.
const MIN_THREADS: usize = 4;

/// How long a thread above the minimum waits for work before it exits.
const IDLE_EXIT: Duration = Duration::from_secs(5);

/// Decrements the thread count however a worker ends (a task may panic).
struct Exit(Arc<Sharing>);

impl Drop for Exit {
    fn drop(&mut self) {
        if let Ok(mut state) = self.0.state.lock() {
            state.threads -= 1;
        }
    }
}

impl TaskPool {
    pub fn new(max_threads: usize) -> TaskPool {
        let max_threads = max_threads.max(1);
        // Threads start on demand: one started here but not yet idle would look busy to
        // `try_spawn` and count against the bound.
        TaskPool {
            sharing: Arc::new(Sharing {
                state: Mutex::new(State {
                    todo: VecDeque::new(),
                    threads: 0,
                    idle: 0,
                    closing: false,
                }),
                condvar: Condvar::new(),
            }),
            max_threads,
        }
    }

    /// Runs `task` on an idle thread or a new one; gives it back when `max_threads` are busy
    /// or the system refuses a new thread.
    pub fn try_spawn(&self, task: Task) -> Result<(), Task> {
        let mut state = self.sharing.state.lock().unwrap();
        // A task is queued only for an idle thread not yet claimed by an earlier queued task:
        // each task can hold its thread for minutes (a keep-alive connection).
        if state.idle > state.todo.len() {
            state.todo.push_back(task);
            self.sharing.condvar.notify_one();
            return Ok(());
        }
        if state.threads >= self.max_threads {
            return Err(task);
        }
        state.threads += 1;
        drop(state);
        self.add_thread(Some(task)).map_err(|task| task.expect("the task of a thread that never started"))
    }

    /// Queues `task` for the next thread that becomes free (after one was made free on purpose).
    pub fn queue(&self, task: Task) {
        let mut state = self.sharing.state.lock().unwrap();
        state.todo.push_back(task);
        self.sharing.condvar.notify_one();
    }

    /// Starts a worker (already counted in `threads`); on failure uncounts it and returns the task.
    fn add_thread(&self, initial: Option<Task>) -> Result<(), Option<Task>> {
        // The task stays reachable from here until the thread takes it, so a failed spawn can
        // hand it back instead of dropping the connection.
        let slot = Arc::new(Mutex::new(initial));
        let theirs = Arc::clone(&slot);
        let sharing = Arc::clone(&self.sharing);
        let spawned = thread::Builder::new()
            .name("tiny-http-connection".into())
            .spawn(move || {
                let exit = Exit(sharing);
                let sharing = &exit.0;
                let first = theirs.lock().unwrap().take();
                if let Some(task) = first {
                    task();
                }
                loop {
                    let task = {
                        let mut state = sharing.state.lock().unwrap();
                        loop {
                            if let Some(task) = state.todo.pop_front() {
                                break task;
                            }
                            if state.closing {
                                return;
                            }
                            state.idle += 1;
                            let (next, timed_out) = if state.threads <= MIN_THREADS {
                                (sharing.condvar.wait(state).unwrap(), false)
                            } else {
                                let (next, res) = sharing.condvar.wait_timeout(state, IDLE_EXIT).unwrap();
                                (next, res.timed_out())
                            };
                            state = next;
                            state.idle -= 1;
                            if timed_out && state.todo.is_empty() && state.threads > MIN_THREADS {
                                return;
                            }
                        }
                    };
                    task();
                }
            });
        match spawned {
            Ok(_) => Ok(()),
            Err(e) => {
                log::error!("cannot start a connection thread: {}", e);
                self.sharing.state.lock().unwrap().threads -= 1;
                Err(slot.lock().unwrap().take())
            }
        }
    }
}

impl Drop for TaskPool {
    fn drop(&mut self) {
        self.sharing.state.lock().unwrap().closing = true;
        self.sharing.condvar.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::TaskPool;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn tasks_beyond_the_bound_are_handed_back_and_a_freed_thread_takes_queued_work() {
        let pool = TaskPool::new(2);
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let release_rx = std::sync::Arc::new(std::sync::Mutex::new(release_rx));
        let (done_tx, done_rx) = mpsc::channel();
        // Both threads busy until released.
        for _ in 0..2 {
            let (release_rx, done_tx) = (release_rx.clone(), done_tx.clone());
            let task = Box::new(move || {
                let _ = release_rx.lock().unwrap().recv();
                done_tx.send("held").unwrap();
            });
            assert!(pool.try_spawn(task).is_ok());
        }
        std::thread::sleep(Duration::from_millis(50));
        let third = pool.try_spawn(Box::new(|| {}));
        assert!(third.is_err(), "a third task got a third thread");
        let done = done_tx.clone();
        pool.queue(Box::new(move || done.send("queued").unwrap()));
        drop(release_tx);
        let mut seen: Vec<&str> = (0..3).map(|_| done_rx.recv_timeout(Duration::from_secs(5)).unwrap()).collect();
        seen.sort();
        assert_eq!(seen, ["held", "held", "queued"]);
    }
}
