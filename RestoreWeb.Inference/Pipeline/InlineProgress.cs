namespace RestoreWeb.Inference.Pipeline;

/// <summary>
/// Reports on the calling thread. <see cref="Progress{T}"/> posts to the thread pool, so its reports can arrive
/// out of order or after the work has finished; a job's progress bar must only move forward.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
