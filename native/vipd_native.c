/*
 * vipd_native: a generic datagram socket and a timerfd for Node-API; README.md gives the API and the why.
 * System calls on a libuv poll handle and nothing else: sockaddrs are opaque bytes built and read in
 * TypeScript; the only bytes read here are recvmsg's ancillary data, cmsg(3): IP_PKTINFO and IP_TTL
 * (ip(7)), IPV6_PKTINFO and IPV6_HOPLIMIT (ipv6(7), RFC 3542 §6).
 */
#include <node_api.h>
#include <uv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#define RECEIVE_BUFFER_BYTES 65536 /* largest IPv4 datagram (raw(7) delivers the header) or IPv6 payload */
#define CONTROL_BUFFER_BYTES 256   /* IP_PKTINFO, IP_TTL and SCM_TIMESTAMPNS, or their IPv6 twins, with room */
#define READS_PER_EVENT 32 /* the poll is level-triggered; unbounded, request-reply chains starve the loop */
#define TIMER_DOMAIN (-1)  /* vsock_t.domain of a Timer: a timerfd(2) on CLOCK_MONOTONIC, not a socket */

typedef struct poller {
  uv_poll_t handle;                          /* first member: cast from uv_handle_t */
  int fd;                                    /* closed in on_poll_closed */
  napi_async_cleanup_hook_handle finishing;  /* set when the environment tears down */
} poller_t;

typedef struct vsock {
  napi_env env;
  napi_ref self;                             /* count 1 while open (GC never closes a socket), 0 after */
  napi_ref on_datagram, on_error;            /* set while started */
  napi_async_context async;                  /* set while started */
  napi_async_cleanup_hook_handle cleanup_hook;
  poller_t *poller;                          /* NULL once closed */
  unsigned char *buffer;                     /* receive buffer, allocated by start() */
  int fd;                                    /* -1 once closed: system calls then fail with EBADF */
  int domain;
  bool started;
} vsock_t;

#define CALL(env, call) do { if ((call) != napi_ok) return throw_napi_failure(env); } while (0)

static napi_value throw_napi_failure(napi_env env) {
  const napi_extended_error_info *info = NULL;
  bool pending = false;
  napi_get_last_error_info(env, &info);
  const char *message = info != NULL && info->error_message != NULL ? info->error_message : "Node-API failed";
  if (napi_is_exception_pending(env, &pending) == napi_ok && !pending) {
    napi_throw_error(env, "ERR_VIPD_NATIVE", message);
  }
  return NULL;
}

/* An Error shaped like Node's system errors: code 'EADDRNOTAVAIL', errno -99, syscall 'bind'. */
static napi_value errno_error(napi_env env, int err, const char *syscall) {
  char name[64], text[256];
  napi_value code, message, error, errno_value, syscall_value;
  snprintf(text, sizeof text, "%s %s", syscall, uv_err_name_r(-err, name, sizeof name));
  bool ok = napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code) == napi_ok &&
            napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message) == napi_ok &&
            napi_create_error(env, code, message, &error) == napi_ok &&
            napi_create_int32(env, -err, &errno_value) == napi_ok &&
            napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_value) == napi_ok &&
            napi_set_named_property(env, error, "errno", errno_value) == napi_ok &&
            napi_set_named_property(env, error, "syscall", syscall_value) == napi_ok;
  return ok ? error : NULL;
}
static napi_value throw_errno(napi_env env, int err, const char *syscall) {
  napi_value error = errno_error(env, err, syscall);
  return error != NULL && napi_throw(env, error) == napi_ok ? NULL : throw_napi_failure(env);
}

/* Unwraps `this` and the arguments (missing ones read as undefined). */
static vsock_t *socket_of(napi_env env, napi_callback_info info, size_t argc, napi_value *argv) {
  napi_value self;
  vsock_t *s = NULL;
  bool ok = napi_get_cb_info(env, info, &argc, argv, &self, NULL) == napi_ok &&
            napi_unwrap(env, self, (void **)&s) == napi_ok;
  if (!ok) throw_napi_failure(env);
  return ok ? s : NULL;
}
static void delete_ref(napi_env env, napi_ref *ref) {
  if (*ref != NULL) napi_delete_reference(env, *ref);
  *ref = NULL;
}
static void stop_polling(vsock_t *s) {
  if (!s->started) return;
  s->started = false;
  uv_poll_stop(&s->poller->handle);
  delete_ref(s->env, &s->on_datagram);
  delete_ref(s->env, &s->on_error);
  napi_async_destroy(s->env, s->async);
  s->async = NULL;
}
static void on_poll_closed(uv_handle_t *handle) {
  poller_t *p = (poller_t *)handle;
  close(p->fd);
  if (p->finishing != NULL) napi_remove_async_cleanup_hook(p->finishing);
  free(p);
}
/* close() is idempotent and safe inside the receive callback: uv_close() now, close(2) in its callback. */
static void close_socket(vsock_t *s) {
  if (s->poller == NULL) return;
  stop_polling(s);
  s->poller->handle.data = NULL;
  uv_close((uv_handle_t *)&s->poller->handle, on_poll_closed);
  s->poller = NULL;
  s->fd = -1;
  free(s->buffer);
  s->buffer = NULL;
  if (s->cleanup_hook != NULL) napi_remove_async_cleanup_hook(s->cleanup_hook);
  s->cleanup_hook = NULL;
  napi_reference_unref(s->env, s->self, NULL); /* from now on the object may be collected */
}

/* The environment (process or worker) ends: close; the hook completes once the fd is closed. */
static void on_env_cleanup(napi_async_cleanup_hook_handle handle, void *data) {
  vsock_t *s = data;
  s->poller->finishing = handle; /* open: the hook is removed when a socket closes */
  s->cleanup_hook = NULL;
  close_socket(s);
}
static void finalize_socket(napi_env env, void *data, void *hint) {
  (void)hint;
  vsock_t *s = data;
  close_socket(s); /* a no-op: an open socket is strongly referenced, so never collected */
  delete_ref(env, &s->self);
  free(s);
}

/* Wraps a new non-blocking fd into `self`; the fd is closed on failure. */
static napi_value wrap_fd(napi_env env, napi_value self, int fd, int domain) {
  uv_loop_t *loop;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) {
    close(fd);
    return throw_napi_failure(env);
  }
  vsock_t *s = calloc(1, sizeof *s);
  poller_t *p = calloc(1, sizeof *p);
  int status = s != NULL && p != NULL ? uv_poll_init(loop, &p->handle, fd) : UV_ENOMEM;
  if (status != 0) {
    close(fd);
    free(s);
    free(p);
    return throw_errno(env, -status, "uv_poll_init");
  }
  p->fd = fd;
  p->handle.data = s;
  *s = (vsock_t){.env = env, .fd = fd, .domain = domain, .poller = p};
  if (napi_wrap(env, self, s, finalize_socket, NULL, &s->self) != napi_ok) {
    uv_close((uv_handle_t *)&p->handle, on_poll_closed); /* closes fd, frees p */
    free(s);
    return throw_napi_failure(env);
  } /* from here on the finalizer owns s, and the strong reference keeps the socket open */
  CALL(env, napi_reference_ref(env, s->self, NULL));
  CALL(env, napi_add_async_cleanup_hook(env, on_env_cleanup, s, &s->cleanup_hook));
  return self;
}
/* new Socket(domain, type, protocol): always non-blocking and close-on-exec. */
static napi_value socket_new(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], self;
  int32_t args[3];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  for (size_t i = 0; i < 3; i++) CALL(env, napi_get_value_int32(env, argv[i], &args[i]));
  int fd = socket(args[0], args[1] | SOCK_NONBLOCK | SOCK_CLOEXEC, args[2]);
  return fd < 0 ? throw_errno(env, errno, "socket") : wrap_fd(env, self, fd, args[0]);
}
/* new Timer(): a timerfd on CLOCK_MONOTONIC, the clock of process.hrtime (timerfd_create(2)). */
static napi_value timer_new(napi_env env, napi_callback_info info) {
  napi_value self;
  size_t argc = 0;
  CALL(env, napi_get_cb_info(env, info, &argc, NULL, &self, NULL));
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  return fd < 0 ? throw_errno(env, errno, "timerfd_create") : wrap_fd(env, self, fd, TIMER_DOMAIN);
}
/* settime(seconds, nanoseconds): expire once at that CLOCK_MONOTONIC instant; (0, 0) disarms. */
static napi_value timer_set(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int64_t args[2];
  vsock_t *s = socket_of(env, info, 2, argv);
  if (s == NULL) return NULL;
  for (size_t i = 0; i < 2; i++) CALL(env, napi_get_value_int64(env, argv[i], &args[i]));
  struct itimerspec when = {.it_value = {.tv_sec = args[0], .tv_nsec = args[1]}};
  return timerfd_settime(s->fd, TFD_TIMER_ABSTIME, &when, NULL) != 0 ? throw_errno(env, errno, "timerfd_settime") : NULL;
}

/* setsockopt(level, name, value: number (an int) | Uint8Array) */
static napi_value socket_setsockopt(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int32_t args[2], number;
  napi_valuetype kind;
  void *value = &number;
  size_t length = sizeof number;
  vsock_t *s = socket_of(env, info, 3, argv);
  if (s == NULL) return NULL;
  for (size_t i = 0; i < 2; i++) CALL(env, napi_get_value_int32(env, argv[i], &args[i]));
  CALL(env, napi_typeof(env, argv[2], &kind));
  if (kind == napi_number) CALL(env, napi_get_value_int32(env, argv[2], &number));
  else CALL(env, napi_get_buffer_info(env, argv[2], &value, &length));
  int failed = setsockopt(s->fd, args[0], args[1], value, (socklen_t)length);
  return failed ? throw_errno(env, errno, "setsockopt") : NULL;
}
/* bind(sockaddr: Uint8Array) */
static napi_value socket_bind(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  void *address;
  size_t length;
  vsock_t *s = socket_of(env, info, 1, argv);
  if (s == NULL) return NULL;
  CALL(env, napi_get_buffer_info(env, argv[0], &address, &length));
  return bind(s->fd, address, (socklen_t)length) != 0 ? throw_errno(env, errno, "bind") : NULL;
}
/* getsockname(): the bound sockaddr as a Buffer */
static napi_value socket_getsockname(napi_env env, napi_callback_info info) {
  struct sockaddr_storage address;
  socklen_t length = sizeof address;
  napi_value result;
  vsock_t *s = socket_of(env, info, 0, NULL);
  if (s == NULL) return NULL;
  if (getsockname(s->fd, (struct sockaddr *)&address, &length) != 0) return throw_errno(env, errno, "getsockname");
  CALL(env, napi_create_buffer_copy(env, length, &address, NULL, &result));
  return result;
}

/* Appends one cmsg(3); msg_controllen counts the bytes used so far. */
static void add_cmsg(struct msghdr *msg, int level, int type, const void *data, size_t length) {
  struct cmsghdr *c = (struct cmsghdr *)((char *)msg->msg_control + msg->msg_controllen);
  c->cmsg_level = level;
  c->cmsg_type = type;
  c->cmsg_len = CMSG_LEN(length);
  memcpy(CMSG_DATA(c), data, length);
  msg->msg_controllen += CMSG_SPACE(length);
}
/* send(data, destination: sockaddr | null, ifindex, ttl, source?: 4 or 16 bytes): bytes sent. ifindex > 0 or a
 * source adds IP_PKTINFO (ip(7): ipi_spec_dst is the source) or IPV6_PKTINFO (ipv6(7): ipi6_addr): the outgoing
 * interface and source address; ttl > 0 adds IP_TTL / IPV6_HOPLIMIT for this datagram. */
static napi_value socket_send(napi_env env, napi_callback_info info) {
  napi_value argv[5], result;
  napi_valuetype destination_kind, source_kind;
  void *data, *name = NULL, *source = NULL;
  size_t data_length, name_length = 0, source_length = 0;
  int32_t args[2]; /* ifindex, ttl */
  union { struct cmsghdr align; char bytes[2 * CMSG_SPACE(sizeof(struct in6_pktinfo))]; } control;
  vsock_t *s = socket_of(env, info, 5, argv);
  if (s == NULL) return NULL;
  for (size_t i = 0; i < 2; i++) CALL(env, napi_get_value_int32(env, argv[2 + i], &args[i]));
  CALL(env, napi_typeof(env, argv[4], &source_kind));
  if (source_kind == napi_object) CALL(env, napi_get_buffer_info(env, argv[4], &source, &source_length));
  CALL(env, napi_get_buffer_info(env, argv[0], &data, &data_length));
  CALL(env, napi_typeof(env, argv[1], &destination_kind));
  if (destination_kind != napi_null) CALL(env, napi_get_buffer_info(env, argv[1], &name, &name_length));
  bool v4 = s->domain == AF_INET;
  bool pktinfo = args[0] > 0 || source != NULL;
  if ((pktinfo || args[1] > 0) && !v4 && s->domain != AF_INET6) return throw_errno(env, EINVAL, "sendmsg");
  if (source != NULL && source_length != (v4 ? 4u : 16u)) return throw_errno(env, EINVAL, "sendmsg");
  struct iovec iov = {.iov_base = data, .iov_len = data_length};
  struct msghdr msg = {.msg_name = name, .msg_namelen = (socklen_t)name_length, .msg_iov = &iov,
                       .msg_iovlen = 1, .msg_control = control.bytes, .msg_controllen = 0};
  memset(&control, 0, sizeof control);
  struct in_pktinfo pktinfo4 = {.ipi_ifindex = args[0]};
  struct in6_pktinfo pktinfo6 = {.ipi6_ifindex = (unsigned int)args[0]};
  if (source != NULL) memcpy(v4 ? (void *)&pktinfo4.ipi_spec_dst : (void *)&pktinfo6.ipi6_addr, source, source_length);
  if (pktinfo && v4) add_cmsg(&msg, IPPROTO_IP, IP_PKTINFO, &pktinfo4, sizeof pktinfo4);
  if (pktinfo && !v4) add_cmsg(&msg, IPPROTO_IPV6, IPV6_PKTINFO, &pktinfo6, sizeof pktinfo6);
  if (args[1] > 0) add_cmsg(&msg, v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_TTL : IPV6_HOPLIMIT, &args[1], sizeof(int));
  if (msg.msg_controllen == 0) msg.msg_control = NULL;
  ssize_t sent = sendmsg(s->fd, &msg, MSG_DONTWAIT);
  if (sent < 0) return throw_errno(env, errno, "sendmsg");
  CALL(env, napi_create_int64(env, sent, &result));
  return result;
}

static bool set_int(napi_env env, napi_value object, const char *key, int64_t value) {
  napi_value v;
  return napi_create_int64(env, value, &v) == napi_ok && napi_set_named_property(env, object, key, v) == napi_ok;
}
static bool set_bytes(napi_env env, napi_value object, const char *key, const void *bytes, size_t length) {
  napi_value v;
  return napi_create_buffer_copy(env, length, bytes, NULL, &v) == napi_ok &&
         napi_set_named_property(env, object, key, v) == napi_ok;
}

/* Calls JS the way libuv callbacks are called: microtasks and nextTicks run after it. */
static bool call_js(vsock_t *s, napi_value self, napi_ref callback, napi_value argument) {
  napi_value fn, exception;
  bool pending = false;
  if (napi_get_reference_value(s->env, callback, &fn) != napi_ok) return false;
  if (napi_make_callback(s->env, s->async, self, fn, 1, &argument, NULL) == napi_ok) return true;
  napi_is_exception_pending(s->env, &pending);
  if (pending && napi_get_and_clear_last_exception(s->env, &exception) == napi_ok) {
    napi_fatal_exception(s->env, exception); /* -> process 'uncaughtException' */
  }
  return false;
}

static double microseconds(const struct timespec *t) { return (double)t->tv_sec * 1e6 + (double)t->tv_nsec / 1e3; }

/* One recvmsg(2) result: { data, source, truncated, receivedAt, ifindex?, destination?, ttl? }. receivedAt is
 * CLOCK_MONOTONIC µs (process.hrtime's clock) of the kernel's SO_TIMESTAMPNS stamp, which is CLOCK_REALTIME and is
 * shifted by the clocks' current offset (socket(7)); without a stamp, of this read. */
static napi_value datagram_object(napi_env env, vsock_t *s, struct msghdr *msg, size_t length) {
  napi_value object, truncated, received_at;
  struct in_pktinfo v4;
  struct in6_pktinfo v6;
  struct timespec monotonic, realtime, stamp;
  int hops;
  clock_gettime(CLOCK_MONOTONIC, &monotonic);
  clock_gettime(CLOCK_REALTIME, &realtime);
  double at = microseconds(&monotonic);
  bool ok = napi_create_object(env, &object) == napi_ok && set_bytes(env, object, "data", s->buffer, length) &&
            set_bytes(env, object, "source", msg->msg_name, msg->msg_namelen) &&
            napi_get_boolean(env, (msg->msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0, &truncated) == napi_ok &&
            napi_set_named_property(env, object, "truncated", truncated) == napi_ok;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); ok && c != NULL; c = CMSG_NXTHDR(msg, c)) {
    if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
      memcpy(&v4, CMSG_DATA(c), sizeof v4);
      ok = set_int(env, object, "ifindex", v4.ipi_ifindex) && set_bytes(env, object, "destination", &v4.ipi_addr, 4);
    } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
      memcpy(&v6, CMSG_DATA(c), sizeof v6);
      ok = set_int(env, object, "ifindex", v6.ipi6_ifindex) && set_bytes(env, object, "destination", &v6.ipi6_addr, 16);
    } else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
               (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
      memcpy(&hops, CMSG_DATA(c), sizeof hops);
      ok = set_int(env, object, "ttl", hops);
    } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
      memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
      at -= microseconds(&realtime) - microseconds(&stamp);
    }
  }
  ok = ok && napi_create_double(env, at, &received_at) == napi_ok &&
       napi_set_named_property(env, object, "receivedAt", received_at) == napi_ok;
  return ok ? object : NULL;
}

/* Reads until EAGAIN or READS_PER_EVENT; stops early once a callback stops or closes the socket. */
static void drain(vsock_t *s, napi_value self) {
  for (int reads = 0; s->started && reads < READS_PER_EVENT; reads++) {
    struct sockaddr_storage source;
    union { struct cmsghdr align; char bytes[CONTROL_BUFFER_BYTES]; } control;
    struct iovec iov = {.iov_base = s->buffer, .iov_len = RECEIVE_BUFFER_BYTES};
    struct msghdr msg = {.msg_name = &source, .msg_namelen = sizeof source, .msg_iov = &iov,
                         .msg_iovlen = 1, .msg_control = control.bytes, .msg_controllen = sizeof control.bytes};
    uint64_t expirations = 0; /* a timerfd reads as the count of expirations since the last read */
    bool timer = s->domain == TIMER_DOMAIN;
    ssize_t received = timer ? read(s->fd, &expirations, sizeof expirations) : recvmsg(s->fd, &msg, MSG_DONTWAIT);
    int err = errno;
    if (received < 0 && err == EINTR) continue;
    if (received < 0 && (err == EAGAIN || err == EWOULDBLOCK)) return;
    napi_handle_scope scope;
    if (napi_open_handle_scope(s->env, &scope) != napi_ok) return;
    bool delivered;
    if (received < 0) {
      napi_value error = errno_error(s->env, err, timer ? "read" : "recvmsg");
      /* ENOBUFS: netlink(7) dropped messages; it is reported and reading goes on. */
      delivered = error != NULL && call_js(s, self, s->on_error, error) && err == ENOBUFS;
    } else if (timer) {
      napi_value count;
      delivered = napi_create_int64(s->env, (int64_t)expirations, &count) == napi_ok && call_js(s, self, s->on_datagram, count);
    } else {
      napi_value datagram = datagram_object(s->env, s, &msg, (size_t)received);
      delivered = datagram != NULL && call_js(s, self, s->on_datagram, datagram);
    }
    napi_close_handle_scope(s->env, scope);
    if (!delivered) return;
  }
}
static void on_readable(uv_poll_t *handle, int status, int events) {
  (void)events;
  vsock_t *s = handle->data;
  napi_handle_scope scope;
  napi_value self;
  if (s == NULL || !s->started || napi_open_handle_scope(s->env, &scope) != napi_ok) return;
  /* `self`, held in this scope, keeps the JS object and so s alive throughout. */
  if (napi_get_reference_value(s->env, s->self, &self) == napi_ok) drain(s, self);
  /* On POLLERR (netlink(7) raises it with ENOBUFS) libuv stops the handle and reports UV_EBADF; drain()
   * has read and reported the socket's own error, so re-arm. */
  if (status < 0 && s->started) uv_poll_start(&s->poller->handle, UV_READABLE, on_readable);
  napi_close_handle_scope(s->env, scope);
}

/* start(onDatagram, onError): arms the poll handle; replaces earlier callbacks. */
static napi_value socket_start(napi_env env, napi_callback_info info) {
  napi_value argv[2], name;
  vsock_t *s = socket_of(env, info, 2, argv);
  if (s == NULL) return NULL;
  if (s->poller == NULL) return throw_errno(env, EBADF, "start");
  stop_polling(s);
  if (s->buffer == NULL && (s->buffer = malloc(RECEIVE_BUFFER_BYTES)) == NULL) return throw_errno(env, ENOMEM, "start");
  CALL(env, napi_create_string_utf8(env, "vipd.Socket", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_reference(env, argv[0], 1, &s->on_datagram));
  CALL(env, napi_create_reference(env, argv[1], 1, &s->on_error));
  CALL(env, napi_async_init(env, NULL, name, &s->async));
  s->started = true;
  int status = uv_poll_start(&s->poller->handle, UV_READABLE, on_readable);
  if (status == 0) return NULL;
  stop_polling(s);
  return throw_errno(env, -status, "uv_poll_start");
}

/* stop(), close(), ref(), unref(): no-ops once closed. ref(): a started socket holds the event loop open. */
enum control { STOP, CLOSE, REF, UNREF };
static napi_value control(napi_env env, napi_callback_info info, enum control what) {
  vsock_t *s = socket_of(env, info, 0, NULL);
  if (s == NULL || s->poller == NULL) return NULL;
  if (what == STOP) stop_polling(s);
  if (what == REF) uv_ref((uv_handle_t *)&s->poller->handle);
  if (what == UNREF) uv_unref((uv_handle_t *)&s->poller->handle);
  if (what == CLOSE) close_socket(s);
  return NULL;
}
static napi_value socket_stop(napi_env env, napi_callback_info info) { return control(env, info, STOP); }
static napi_value socket_close(napi_env env, napi_callback_info info) { return control(env, info, CLOSE); }
static napi_value socket_ref(napi_env env, napi_callback_info info) { return control(env, info, REF); }
static napi_value socket_unref(napi_env env, napi_callback_info info) { return control(env, info, UNREF); }

#define C(name) {#name, name}
static const struct { const char *name; int32_t value; } constants[] = {
  C(AF_UNSPEC), C(AF_UNIX), C(AF_INET), C(AF_INET6), C(AF_PACKET), C(AF_NETLINK), C(SOCK_RAW), C(SOCK_DGRAM), C(SOL_SOCKET),
  C(SOL_PACKET), C(SOL_NETLINK), C(SO_RCVBUF), C(SO_SNDBUF), C(SO_RCVBUFFORCE), C(SO_BINDTODEVICE),
  C(SO_BINDTOIFINDEX), C(SO_TIMESTAMPNS), C(IPPROTO_IP), C(IPPROTO_IPV6), C(IP_TOS), C(IP_TTL), C(IP_PKTINFO), C(IP_RECVTTL),
  C(IP_HDRINCL), C(IP_MULTICAST_IF), C(IP_MULTICAST_TTL), C(IP_MULTICAST_LOOP), C(IP_MULTICAST_ALL), C(IP_ADD_MEMBERSHIP),
  C(IP_DROP_MEMBERSHIP), C(IPV6_TCLASS), C(IPV6_UNICAST_HOPS), C(IPV6_PKTINFO), C(IPV6_RECVPKTINFO),
  C(IPV6_HOPLIMIT), C(IPV6_RECVHOPLIMIT), C(IPV6_CHECKSUM), C(IPV6_V6ONLY), C(IPV6_MULTICAST_IF),
  C(IPV6_MULTICAST_HOPS), C(IPV6_MULTICAST_LOOP), C(IPV6_MULTICAST_ALL), C(IPV6_ADD_MEMBERSHIP),
  C(IPV6_DROP_MEMBERSHIP), C(ETH_P_ALL), C(ETH_P_IP), C(ETH_P_ARP), C(ETH_P_IPV6), C(NETLINK_ROUTE),
  C(NETLINK_ADD_MEMBERSHIP), C(NETLINK_CAP_ACK), C(NETLINK_EXT_ACK), C(NETLINK_GET_STRICT_CHK),
  C(RTMGRP_LINK), C(RTMGRP_IPV4_IFADDR), C(RTMGRP_IPV6_IFADDR),
};

NAPI_MODULE_INIT() {
  napi_value socket_class, table, value;
#define METHOD(name) {#name, NULL, socket_##name, NULL, NULL, NULL, napi_default_method, NULL}
  napi_property_descriptor methods[] = {METHOD(setsockopt), METHOD(bind), METHOD(getsockname),
      METHOD(send), METHOD(start), METHOD(stop), METHOD(close), METHOD(ref), METHOD(unref)};
  CALL(env, napi_define_class(env, "Socket", NAPI_AUTO_LENGTH, socket_new, NULL,
                              sizeof methods / sizeof methods[0], methods, &socket_class));
  CALL(env, napi_set_named_property(env, exports, "Socket", socket_class));
  napi_property_descriptor timer_methods[] = {METHOD(start), METHOD(stop), METHOD(close), METHOD(ref), METHOD(unref),
      {"settime", NULL, timer_set, NULL, NULL, NULL, napi_default_method, NULL}};
  CALL(env, napi_define_class(env, "Timer", NAPI_AUTO_LENGTH, timer_new, NULL,
                              sizeof timer_methods / sizeof timer_methods[0], timer_methods, &socket_class));
  CALL(env, napi_set_named_property(env, exports, "Timer", socket_class));
  CALL(env, napi_create_object(env, &table));
  for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++) {
    CALL(env, napi_create_int32(env, constants[i].value, &value));
    CALL(env, napi_set_named_property(env, table, constants[i].name, value));
  }
  CALL(env, napi_set_named_property(env, exports, "constants", table));
  return exports;
}
