namespace RestoreWeb.Client.Services;

/// <summary>
/// Reports straight to a callback on the reporting thread. <see cref="Progress{T}"/> would post to a captured
/// context instead, which reorders reports; callers here hop to the renderer themselves.
/// </summary>
public sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
