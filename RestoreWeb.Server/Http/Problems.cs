using Microsoft.AspNetCore.Http.HttpResults;

namespace RestoreWeb.Server.Http;

/// <summary>RFC 7807 answers whose detail tells the user what is wrong and what to do.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} does not exist or is not yours.");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be used", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible in the current state", detail: detail);

    public static ProblemHttpResult Status(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: statusCode, title: title, detail: detail, extensions: extensions);

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "Some input is not valid");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string detail = string.Join(" ", errors.Values.SelectMany(v => v));
        return TypedResults.ValidationProblem(errors, detail: detail, title: "Some input is not valid");
    }
}
