using MudBlazor;

namespace RestoreWeb.Client.Services;

public static class SnackbarExtensions
{
    /// <summary>Shows the server's own explanation; the same message twice at once is shown once.</summary>
    public static void ShowProblem(this ISnackbar snackbar, ApiException problem)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(problem);
        snackbar.Add(problem.Message, Severity.Error, options => options.DuplicatesBehavior = SnackbarDuplicatesBehavior.Prevent);
    }
}
