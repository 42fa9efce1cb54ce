namespace ProtectedActions.Samples.WebApi.Configuration;

/// <summary>The embedded seed scenario (<c>Configuration/protectedactions.json</c>), plus per-instance overrides.</summary>
public static class SampleConfiguration
{
    private const string ResourceName = "ProtectedActions.Samples.WebApi.protectedactions.json";

    /// <summary>The embedded configuration document's text.</summary>
    public static string ReadEmbeddedJson()
    {
        using var stream = typeof(SampleConfiguration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded sample configuration is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Adds the embedded configuration and then <paramref name="overrides"/> (later sources win).</summary>
    public static IConfigurationBuilder AddSampleDefaults(this IConfigurationBuilder builder, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ReadEmbeddedJson())));
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder;
    }

    /// <summary>Binds a fresh <see cref="ProtectedActionsOptions"/> from the embedded configuration and <paramref name="overrides"/>.</summary>
    public static ProtectedActionsOptions LoadOptions(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddSampleDefaults(overrides).Build();
        var options = new ProtectedActionsOptions();
        configuration.GetSection(ProtectedActionsOptions.SectionName).Bind(options);
        return options;
    }
}
