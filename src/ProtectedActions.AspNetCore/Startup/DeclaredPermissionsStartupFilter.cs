using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Runs <see cref="DeclaredPermissionsCheck"/> once the application's pipeline is built (every endpoint is mapped
/// then) and before the server starts listening: a failing check fails the host's start.
/// </summary>
internal sealed class DeclaredPermissionsStartupFilter(DeclaredPermissionsCheck check) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        check.Initialize(app.ApplicationServices);
    };
}
