using System.Text;
using Microsoft.Extensions.Configuration;

namespace ProtectedActions.Tests.Support;

/// <summary>An in-memory JSON configuration source whose content can be replaced, raising a reload.</summary>
internal sealed class ReloadableJsonSource(string json) : IConfigurationSource
{
    private Provider? _provider;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider ??= new Provider(json);

    /// <summary>Replaces the content and raises the configuration's reload token.</summary>
    public void Set(string newJson) => _provider!.Set(newJson);

    private sealed class Provider(string json) : ConfigurationProvider
    {
        public override void Load() => Data = Parse(json);

        public void Set(string newJson)
        {
            Data = Parse(newJson);
            OnReload();
        }

        private static Dictionary<string, string?> Parse(string text) =>
            new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(text))).Build()
                .AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
    }
}
