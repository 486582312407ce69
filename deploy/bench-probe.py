#!/usr/bin/env python3
"""Freshness probe of deploy/bench.sh: runs beside the mixed run's wrk load and checks that no read shows a state
older than a write that had returned before the read began.

    python3 deploy/bench-probe.py GATEWAY LIKER_ID LIKER_TOKEN AUTHOR_ID VIDEO_ID READY_FILE

Its two users and one video belong to it alone: the liker likes, follows and comments on nothing else, and the
author's one video is liked, commented and the author followed by nobody else. So every expected value follows
from a baseline read at rest plus what the probe itself did, and a read that differs shows a state the probe's
returned writes had already replaced (or one that was never true).

Sequentially, as the liker: like the video, follow the author, comment, unlike, unfollow, delete the comment, over
and over. After each write has returned, it reads (in parallel, every read starting after that return) the feed
page holding the video (with the liker's token and anonymously), both users' info, the author's publish list, the
liker's favorite and follow lists, the author's follower list and the video's comment list, as fits the write,
and compares every field that the probe's writes move: the video's favorite_count, comment_count and is_favorite,
both users' follow_count, follower_count, total_favorited, favorite_count, work_count and is_follow, and the lists'
members. It writes READY_FILE once its baseline is read; on SIGTERM it stops checking, puts its users back to rest
(unlike, unfollow, delete its comments) and prints a JSON summary on stdout. Progress goes to stderr.

Standard library only.
"""
import json
import signal
import sys
import threading
import time
import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

READ_TIMEOUT = 10.0
WRITE_ATTEMPTS = 5
EXAMPLES_KEPT = 10
LOGGED_PER_KIND = 20

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())


logged = {}


def log(message, kind=None):
    """to stderr; of a kind that can repeat under load (failed reads, stale answers), only the first few"""
    if kind:
        logged[kind] = logged.get(kind, 0) + 1
        if logged[kind] > LOGGED_PER_KIND:
            return
    print(f"[probe] {message}", file=sys.stderr, flush=True)


class ApiError(IOError):
    """an answer that is not HTTP 200 with status_code 0, or none at all (code None)"""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class Client:
    """One keep-alive connection per thread to the gateway; parameters go in the query string, as the client's."""

    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.local = threading.local()

    def call(self, method, path, params, fresh=False):
        """the answer's JSON when it is HTTP 200 with status_code 0; raises ApiError otherwise. fresh: on a new
        connection, for a write that must not be sent twice"""
        target = path + "?" + urlencode({k: v for k, v in params.items() if v is not None})
        if fresh and getattr(self.local, "conn", None) is not None:
            self.local.conn.close()
            self.local.conn = None
        while True:
            conn = getattr(self.local, "conn", None)
            reused = conn is not None
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=READ_TIMEOUT)
            try:
                conn.request(method, target, body=b"" if method == "POST" else None)
                response = conn.getresponse()
                body = response.read()
            except Exception as e:
                conn.close()
                self.local.conn = None
                # a kept-alive connection that the server had closed before the request: again on a new one
                if reused and isinstance(e, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
                    continue
                raise ApiError(f"{method} {path}: {type(e).__name__} {e}")
            if response.status != 200:
                raise ApiError(f"{method} {path}: HTTP {response.status} {body[:200]!r}")
            try:
                answer = json.loads(body)
            except ValueError:
                raise ApiError(f"{method} {path}: not JSON {body[:200]!r}")
            if answer.get("status_code") != 0:
                raise ApiError(f"{method} {path}: {body[:200]!r}", answer.get("status_code"))
            return answer


class Probe:
    def __init__(self, gateway, liker, token, author, video):
        self.api = Client(gateway)
        self.liker, self.token, self.author, self.video = int(liker), token, int(author), int(video)
        # what the probe has done: the state every read must show once the write that made it has returned
        self.liked = False
        self.following = False
        self.comments = set()          # ids of the liker's comments on the video
        self.comments_known = True     # false once a comment write's answer was lost: its effect is unknown
        self.base = {}                 # baseline counts at rest
        self.feed_time = None          # latest_time of the feed page holding the video (None: the first page)
        self.last_write = ("baseline", time.monotonic())
        self.checks = self.stale = self.read_errors = self.write_errors = self.writes = self.cycles = 0
        self.examples = []
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=6)

    # --- writes ------------------------------------------------------------------------------------------------

    def write(self, what, path, params, retry_ok_codes=()):
        """one write as the liker; idempotent ones are repeated until one answers success"""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                answer = self.api.call("POST", path, {"token": self.token, **params})
                self.writes += 1
                self.last_write = (what, time.monotonic())
                return answer
            except ApiError as e:
                # a repeated delete may find that the lost attempt did it
                if attempt > 1 and e.code in retry_ok_codes:
                    self.last_write = (what, time.monotonic())
                    return None
                self.write_errors += 1
                log(f"write '{what}' failed (attempt {attempt}): {str(e)[:200]}")
                time.sleep(0.5)
        raise RuntimeError(f"write '{what}' failed {WRITE_ATTEMPTS} times")

    def like(self, on):
        self.write("like" if on else "unlike", "/douyin/favorite/action/",
                   {"video_id": self.video, "action_type": 1 if on else 2})
        self.liked = on

    def follow(self, on):
        self.write("follow" if on else "unfollow", "/douyin/relation/action/",
                   {"to_user_id": self.author, "action_type": 1 if on else 2})
        self.following = on

    def comment(self, n):
        if not self.comments_known:
            return
        try:
            answer = self.api.call("POST", "/douyin/comment/action/", {
                "token": self.token, "video_id": self.video, "action_type": 1,
                "comment_text": f"probe comment {time.time_ns()}-{n}"}, fresh=True)
        except ApiError as e:
            # not idempotent: whether the comment exists is now unknown, so comments are no longer checked
            self.write_errors += 1
            self.comments_known = False
            log(f"write 'comment' failed, comments unchecked from now on: {str(e)[:200]}")
            return
        self.writes += 1
        self.last_write = ("comment", time.monotonic())
        self.comments.add(int(answer["comment"]["id"]))

    def uncomment(self):
        if not self.comments_known or not self.comments:
            return
        comment = next(iter(self.comments))
        try:
            self.write("delete comment", "/douyin/comment/action/",
                       {"video_id": self.video, "action_type": 2, "comment_id": comment}, retry_ok_codes=(5001,))
        except RuntimeError as e:
            self.comments_known = False
            log(f"{e}: comments unchecked from now on")
            return
        self.comments.discard(comment)

    # --- reads -------------------------------------------------------------------------------------------------

    def expected_user(self, user, viewer):
        b = self.base[user]
        if user == self.liker:
            return {"follow_count": b["follow_count"] + self.following, "follower_count": b["follower_count"],
                    "total_favorited": b["total_favorited"], "favorite_count": b["favorite_count"] + self.liked,
                    "work_count": b["work_count"], "is_follow": False}
        return {"follow_count": b["follow_count"], "follower_count": b["follower_count"] + self.following,
                "total_favorited": b["total_favorited"] + self.liked, "favorite_count": b["favorite_count"],
                "work_count": b["work_count"], "is_follow": self.following and viewer == self.liker}

    def expected_video(self, viewer):
        b = self.base["video"]
        expected = {"favorite_count": b["favorite_count"] + self.liked, "is_favorite": self.liked and viewer == self.liker}
        if self.comments_known:
            expected["comment_count"] = b["comment_count"] + len(self.comments)
        return expected

    def compare(self, answer, viewer, members):
        """mismatches of every probe user and video in the answer, and of the list members given as
        (label, list key, probe-controlled id, whether it belongs, the rest of the expected ids)"""
        wrong = []

        def walk(node):
            if isinstance(node, dict):
                if "author" in node and node.get("id") == self.video:
                    for k, v in self.expected_video(viewer).items():
                        if node.get(k) != v:
                            wrong.append(f"video {self.video} {k}={node.get(k)}, expected {v}")
                elif "follower_count" in node and node.get("id") in (self.liker, self.author):
                    for k, v in self.expected_user(node["id"], viewer).items():
                        if node.get(k) != v:
                            wrong.append(f"user {node['id']} {k}={node.get(k)}, expected {v}")
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(answer)
        for label, key, member, belongs, rest in members:
            ids = {item["id"] for item in answer.get(key, [])}
            expected = set(rest) | ({member} if belongs and member is not None else set())
            if ids != expected:
                wrong.append(f"{label} ids {sorted(ids)}, expected {sorted(expected)}")
        return wrong

    def read(self, name, path, params, viewer, members=()):
        """one read; its mismatches against the state at the moment it began"""
        last_write = self.last_write
        began = time.monotonic()
        try:
            answer = self.api.call("GET", path, params)
        except ApiError as e:
            with self.lock:
                self.read_errors += 1
            log(f"read {name} failed: {str(e)[:200]}", "read failed")
            return None
        try:
            wrong = self.compare(answer, viewer, members)
        except (KeyError, TypeError, AttributeError) as e:
            wrong = [f"an answer of an unexpected shape ({type(e).__name__} {e})"]
        return name, last_write, began, wrong

    def record(self, result):
        name, (what, returned), began, wrong = result
        with self.lock:
            self.checks += 1
            if not wrong:
                return
            self.stale += 1
            example = f"{name}, began {1000 * (began - returned):.0f} ms after '{what}' returned: " + "; ".join(wrong)
            if len(self.examples) < EXAMPLES_KEPT:
                self.examples.append(example)
            log("STALE " + example, "stale")

    def reads(self, which):
        """the reads for the last write, all started after it returned, in parallel"""
        L, A, V, T = self.liker, self.author, self.video, self.token
        feed = {"latest_time": self.feed_time}
        others = {
            "favorite": self.base["favorites"], "follows": self.base["follows"], "followers": self.base["followers"],
            "comments": self.base["comments"]}
        plan = {
            "feed": ("feed page (liker)", "/douyin/feed/", {**feed, "token": T}, L,
                     [("feed page", "video_list", V, True, self.base["feed_page"])]),
            "feed anon": ("feed page (anonymous)", "/douyin/feed/", feed, None,
                          [("feed page", "video_list", V, True, self.base["feed_page"])]),
            "author": ("author's user info", "/douyin/user/", {"user_id": A, "token": T}, L, []),
            "liker": ("liker's user info", "/douyin/user/", {"user_id": L, "token": T}, L, []),
            "publish": ("author's publish list", "/douyin/publish/list/", {"user_id": A, "token": T}, L,
                        [("publish list", "video_list", V, True, self.base["published"])]),
            "favorite": ("liker's favorite list", "/douyin/favorite/list/", {"user_id": L, "token": T}, L,
                         [("favorite list", "video_list", V, self.liked, others["favorite"])]),
            "follow": ("liker's follow list", "/douyin/relation/follow/list/", {"user_id": L, "token": T}, L,
                       [("follow list", "user_list", A, self.following, others["follows"])]),
            "follower": ("author's follower list", "/douyin/relation/follower/list/", {"user_id": A, "token": T}, L,
                         [("follower list", "user_list", L, self.following, others["followers"])]),
        }
        if self.comments_known:
            plan["comments"] = ("video's comment list", "/douyin/comment/list/", {"video_id": V, "token": T}, L,
                                [("comment list", "comment_list", None, False, set(others["comments"]) | self.comments)])
        futures = [self.pool.submit(self.read, *plan[key]) for key in which if key in plan]
        for future in futures:
            result = future.result()
            if result:
                self.record(result)

    # --- setup -------------------------------------------------------------------------------------------------

    def at_rest(self):
        """the liker likes and follows nothing of the probe's, and has no comment on the video"""
        self.like(False)
        self.follow(False)
        listed = self.api.call("GET", "/douyin/comment/list/", {"video_id": self.video, "token": self.token})
        for comment in listed["comment_list"]:
            if comment["user"]["id"] == self.liker:
                self.write("delete comment", "/douyin/comment/action/",
                           {"video_id": self.video, "action_type": 2, "comment_id": comment["id"]}, retry_ok_codes=(5001,))

    def baseline(self):
        """the counts at rest, and where the video is in the feed; the lists' other members stay as they are read"""
        t, page = None, None
        for _ in range(50):
            page = self.api.call("GET", "/douyin/feed/", {"latest_time": t})
            if any(v["id"] == self.video for v in page["video_list"]) or not page["video_list"]:
                break
            t = page["next_time"]
        if not any(v["id"] == self.video for v in page["video_list"]):
            raise RuntimeError(f"video {self.video} is on no feed page")
        self.feed_time = t
        L, A, V, T = self.liker, self.author, self.video, self.token
        users = {u: self.api.call("GET", "/douyin/user/", {"user_id": u, "token": T})["user"] for u in (L, A)}
        published = self.api.call("GET", "/douyin/publish/list/", {"user_id": A, "token": T})["video_list"]
        video = next(v for v in published if v["id"] == V)
        favorites = self.api.call("GET", "/douyin/favorite/list/", {"user_id": L, "token": T})["video_list"]
        follows = self.api.call("GET", "/douyin/relation/follow/list/", {"user_id": L, "token": T})["user_list"]
        followers = self.api.call("GET", "/douyin/relation/follower/list/", {"user_id": A, "token": T})["user_list"]
        comments = self.api.call("GET", "/douyin/comment/list/", {"video_id": V, "token": T})["comment_list"]
        keys = ("follow_count", "follower_count", "total_favorited", "favorite_count", "work_count")
        self.base = {
            L: {k: users[L][k] for k in keys}, A: {k: users[A][k] for k in keys},
            "video": {"favorite_count": video["favorite_count"], "comment_count": video["comment_count"]},
            "feed_page": {v["id"] for v in page["video_list"]} - {V},
            "published": {v["id"] for v in published} - {V},
            "favorites": {v["id"] for v in favorites} - {V},
            "follows": {u["id"] for u in follows} - {A},
            "followers": {u["id"] for u in followers} - {L},
            "comments": {c["id"] for c in comments if c["user"]["id"] != L},
        }
        # the rest writes have returned: a baseline read that still shows their effect is already stale
        rest = []
        if video["is_favorite"] or any(v["id"] == V for v in favorites):
            rest.append("the video still liked")
        if users[A]["is_follow"] or any(u["id"] == A for u in follows) or any(u["id"] == L for u in followers):
            rest.append("the author still followed")
        if any(c["user"]["id"] == L for c in comments):
            rest.append("a deleted comment still listed")
        self.checks += 1
        if rest:
            self.stale += 1
            self.examples.append(f"baseline reads after the writes that put the probe at rest: {', '.join(rest)}")
            log("STALE " + self.examples[-1])
        log(f"baseline: {json.dumps({str(k): v for k, v in self.base.items() if not isinstance(v, set)})}, "
            f"video on the feed page latest_time={t}")

    # --- the run -----------------------------------------------------------------------------------------------

    def run(self, ready_file):
        self.at_rest()
        self.baseline()
        open(ready_file, "w").close()
        like_reads = ["feed", "feed anon", "author", "liker", "publish", "favorite"]
        follow_reads = ["feed", "author", "liker", "follow", "follower"]
        comment_reads = ["comments", "feed", "publish"]
        steps = [
            (lambda: self.like(True), like_reads),
            (lambda: self.follow(True), follow_reads),
            (lambda: self.comment(self.cycles), comment_reads),
            (lambda: self.like(False), like_reads),
            (lambda: self.follow(False), follow_reads),
            (self.uncomment, comment_reads),
        ]
        try:
            while not stop.is_set():
                for write, reads in steps:
                    if stop.is_set():
                        break
                    write()
                    self.reads(reads)
                else:
                    self.cycles += 1
        except RuntimeError as e:
            log(f"probe stopped early: {e}")
            self.examples.append(f"probe stopped early: {e}")
        finally:
            try:
                self.like(False)
                self.follow(False)
                while self.comments_known and self.comments:
                    self.uncomment()
            except Exception as e:
                log(f"putting the probe's users back to rest failed: {e}")
        return {"checks": self.checks, "stale": self.stale, "read_errors": self.read_errors,
                "writes": self.writes, "write_errors": self.write_errors, "cycles": self.cycles,
                "comments_checked": self.comments_known, "examples": self.examples}


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    gateway, liker, token, author, video, ready_file = sys.argv[1:]
    summary = Probe(gateway, liker, token, author, video).run(ready_file)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
