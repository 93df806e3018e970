#!/usr/bin/env python3
"""Breaks a dotnet-trace profile down by layer (docs/performance.md).

usage: layers.py TRACE.speedscope.json [PATTERN]

TRACE is `dotnet-trace collect --profile dotnet-sampled-thread-time` converted with
`dotnet-trace convert --format Speedscope`. Every sample of a thread that is working (running managed
code, or in native code that is not a wait) is given to the innermost frame of a known layer; samples of
threads waiting (thread pool, socket engine, timers, finalizer) are left out. With PATTERN (a regular
expression), also prints the inclusive share of the working time of every frame matching it.
"""
import collections
import json
import re
import sys

WAIT = re.compile(r'LowLevelLifoSemaphore|WaitHandle\.Wait|Monitor\.Wait|SocketAsyncEngine\.EventLoop|'
                  r'Interop\+Sys\.WaitForSocketEvents|Thread\.Sleep|FileSystemWatcher|ManualResetEventSlim\.Wait|'
                  r'Monitor\.Enter_Slowpath|TimerQueue|WaitForSignal|Interop\+Sys\.Read\(|Console|GC\.RunFinalizers')
LAYERS = [
    ('SQLite native (e_sqlite3)', r'SQLitePCL'),
    ('Microsoft.Data.Sqlite (ADO.NET)', r'^Microsoft\.Data\.Sqlite'),
    ('EF Core', r'^Microsoft\.EntityFrameworkCore'),
    ('System.Text.Json', r'^System\.Text\.Json'),
    ('app: specifications and repository', r'MusicPlayer\.(Infrastructure|Application)!.*(EfRepository|Specification|ExpressionRewriter)'),
    ('app: handlers and readers', r'^MusicPlayer\.Application!.*Features'),
    ('MediatR and the behaviours', r'^MediatR|MusicPlayer\.Application!.*Behaviour'),
    ('authentication (JwtBearer, tokens, session check)', r'Microsoft\.AspNetCore\.Authentication|Microsoft\.IdentityModel|'
                                                         r'System\.IdentityModel|TokenSessionCheck|SigningKeyRing|UserSessionCache'),
    ('MVC', r'^Microsoft\.AspNetCore\.Mvc'),
    ('metrics middleware', r'Prometheus|OpenTelemetry|RequestMetrics|ServiceMetrics'),
    ('routing and other middleware', r'^Microsoft\.AspNetCore\.(Routing|Authorization|RateLimiting|Diagnostics|Http|HostFiltering)'),
    ('DI container', r'^Microsoft\.Extensions\.DependencyInjection'),
    ('logging', r'^Microsoft\.Extensions\.Logging'),
    ('Kestrel, sockets, pipelines', r'Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|Interop\+Sys\.(Send|Receive)'),
]
LAYERS = [(name, re.compile(rx)) for name, rx in LAYERS]


def samples(trace):
    """Yields (duration ms, stack of frame names, root first) for every interval of every thread."""
    frames = [f['name'] for f in trace['shared']['frames']]
    for profile in trace['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                yield event['at'] - last, [frames[i] for i in stack]
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                while stack and stack.pop() != event['frame']:
                    pass


def working(stack):
    return stack[-1] in ('CPU_TIME', 'UNMANAGED_CODE_TIME') and not any(WAIT.search(n) for n in stack[-6:])


def main():
    trace = json.load(open(sys.argv[1]))
    pattern = re.compile(sys.argv[2]) if len(sys.argv) > 2 else None
    by_layer, inclusive = collections.Counter(), collections.Counter()
    busy = idle = 0.0
    for duration, stack in samples(trace):
        if not working(stack):
            idle += duration
            continue
        busy += duration
        layer = next((name for frame in reversed(stack[:-1]) for name, rx in LAYERS if rx.search(frame)), 'runtime, GC, thread pool')
        by_layer[layer] += duration
        if pattern:
            for frame in set(stack):
                if pattern.search(frame):
                    inclusive[frame] += duration
    print(f'working thread time {busy:.0f} ms (waiting {idle:.0f} ms, not counted)')
    for name, value in by_layer.most_common():
        print(f'{100 * value / busy:5.1f} %  {name}')
    if pattern:
        print('inclusive:')
        for frame, value in inclusive.most_common(40):
            print(f'{100 * value / busy:5.1f} %  {frame[:170]}')


if __name__ == '__main__':
    main()
