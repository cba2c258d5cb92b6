using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RestoreWeb.Server.Tests.Support;

/// <summary>Keeps every log line the server writes, so tests can read what an administrator would read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(exception is null ? $"{logLevel} {category}: {formatter(state, exception)}" : $"{logLevel} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
