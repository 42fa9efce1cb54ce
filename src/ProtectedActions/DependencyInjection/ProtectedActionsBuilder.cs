namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddProtectedActions</c>, for integrations to add to (for example <c>.AddAspNetCore()</c>).</summary>
public sealed class ProtectedActionsBuilder
{
    internal ProtectedActionsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }
}
