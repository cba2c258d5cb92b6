using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddRestoreWebAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<RestoreWebUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is both stronger and easier to remember.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RestoreWebDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthentication().AddIdentityCookies();
        // A disabled account's sessions end within a minute: its security stamp changes when it is disabled.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "RestoreWeb.Auth";
            options.Cookie.HttpOnly = true;
            // Lax keeps the cookie off cross-site POSTs, which is what protects the JSON and upload APIs from CSRF.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/access-denied";
            options.Events.OnRedirectToLogin = context =>
            {
                // APIs answer 401 (turned into problem details further up); pages go to the sign-in page.
                if (ApiPaths.IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthentication.SchemeName)
                .RequireRole(RoleNames.Admin));

        // Keys in the application database: every web process reads the cookies every other one wrote.
        services.AddDataProtection()
            .SetApplicationName("RestoreWeb")
            .PersistKeysToDbContext<RestoreWebDbContext>();

        services.AddScoped<AccountRoles>();
        services.AddSingleton<IPasswordResetNotifier, LoggedPasswordResetNotifier>();
        return services;
    }
}
