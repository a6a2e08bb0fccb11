/* runstat: run one command and report its wall clock and peak memory, for Benchmarks/bench.py.
 *
 *     runstat FD TIMEOUT_SECONDS COMMAND [ARG...]
 *
 * Forks, execs COMMAND (stdin, stdout and stderr inherited), waits for it with wait4 and writes
 * one line to file descriptor FD: wall seconds (CLOCK_MONOTONIC, fork to reaped), ru_maxrss in
 * KiB, exit status (128 + signal when killed by one), and 1 if TIMEOUT_SECONDS (> 0) ran out and
 * the command was killed, else 0.
 *
 * Why not measure from Python directly: Linux carries the peak RSS of the address space a process
 * execs from into the new program's ru_maxrss, so every child of a large Python process would
 * report at least Python's own peak. A child of this small program starts from its few pages. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child;

static void on_alarm(int sig) {
  (void)sig;
  timed_out = 1;
  kill(child, SIGKILL);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: runstat FD TIMEOUT_SECONDS COMMAND [ARG...]\n");
    return 2;
  }
  int fd = atoi(argv[1]);
  double timeout = atof(argv[2]);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  child = fork();
  if (child < 0) {
    perror("runstat: fork");
    return 2;
  }
  if (child == 0) {
    close(fd);
    execvp(argv[3], argv + 3);
    perror("runstat: exec");
    _exit(127);
  }
  if (timeout > 0) {
    struct sigaction sa = {0};
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {0};
    it.it_value.tv_sec = (time_t)timeout;
    it.it_value.tv_usec = (suseconds_t)((timeout - (double)(time_t)timeout) * 1e6);
    setitimer(ITIMER_REAL, &it, NULL);
  }
  int status;
  struct rusage ru;
  while (wait4(child, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      perror("runstat: wait4");
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  dprintf(fd, "%.6f %ld %d %d\n", wall, ru.ru_maxrss, code, (int)timed_out);
  return 0;
}
