using Microsoft.Extensions.Configuration;

namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A configuration source whose whole content can be replaced (as when a configuration file is rewritten), with a
/// change notification like a file reload's. Content is a JSON document under the <c>ProtectedActions</c> section.
/// </summary>
internal sealed class SwappableConfiguration : IConfigurationSource
{
    private readonly Provider _provider = new();

    public SwappableConfiguration(string json) => _provider.Set(json);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Replaces the whole document and raises the reload notification.</summary>
    public void Swap(string json)
    {
        _provider.Set(json);
        _provider.RaiseReload();
    }

    private sealed class Provider : ConfigurationProvider
    {
        public void Set(string json)
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var parsed = new ConfigurationBuilder().AddJsonStream(stream).Build();
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in parsed.AsEnumerable())
            {
                if (value is not null)
                {
                    data["ProtectedActions:" + key] = value;
                }
            }

            Data = data;
        }

        public void RaiseReload() => OnReload();
    }
}
