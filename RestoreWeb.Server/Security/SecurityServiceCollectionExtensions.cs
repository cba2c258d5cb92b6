using Microsoft.Extensions.Options;

namespace RestoreWeb.Server.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Options from "RestoreWeb:Security", the rate limiter and antiforgery.</summary>
    public static IServiceCollection AddRestoreWebSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidation>();
        services.AddRestoreWebRateLimits();
        services.AddRestoreWebAntiforgery();
        return services;
    }
}
