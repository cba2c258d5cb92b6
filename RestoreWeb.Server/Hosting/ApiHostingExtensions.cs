using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Hosting;

/// <summary>What every API shares: options, problem details, JSON, the clock.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddRestoreWebOptions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ProcessRoles.MapCommandLineSwitch(builder.Configuration);
        builder.Services.AddOptions<RestoreWebOptions>().BindConfiguration(RestoreWebOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RestoreWebOptions>, RestoreWebOptionsValidation>();
        builder.Services.AddSingleton<DataFolders>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplicationBuilder AddRestoreWebApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            // Answers produced by the framework (authentication, routing) get a detail that says what to do.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => "Sign in to use this.",
                StatusCodes.Status403Forbidden => "This needs an administrator account.",
                StatusCodes.Status404NotFound => "There is nothing at this address. Check the link.",
                StatusCodes.Status405MethodNotAllowed => "This address does not accept this kind of request.",
                StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON (Content-Type: application/json).",
                _ => null,
            });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnhandledExceptionLogger>();
        // Unreadable bodies and parameters reach BadRequestExceptionHandler, which says what could not be read.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
