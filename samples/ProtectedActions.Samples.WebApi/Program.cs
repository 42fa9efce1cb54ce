using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Identity;
using ProtectedActions.Samples.WebApi.Store;

// Runs the development identity provider and the sample API on loopback until Ctrl+C.
// Usage: [port] [--store file|sqlite]   (file: the embedded configuration, as always; sqlite: protected-actions.db, managed at run time)
var port = 0;
var store = "file";
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--store")
    {
        if (i + 1 >= args.Length || args[i + 1] is not ("file" or "sqlite"))
        {
            await Console.Error.WriteLineAsync("--store takes 'file' (the default: the embedded configuration) or 'sqlite' (a local protected-actions.db, managed at run time).");
            return 2;
        }

        store = args[++i];
    }
    else if (int.TryParse(args[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p <= 65535)
    {
        port = p;
    }
    else
    {
        await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. Usage: [port] [--store file|sqlite]");
        return 2;
    }
}

await using var provider = await SampleIdentityProvider.StartAsync();
await using var api = store == "sqlite"
    ? await SampleSqliteStore.BuildAsync(provider.Issuer, port: port)
    : SampleApi.Build(provider.Issuer, port: port);
await api.StartAsync();
var address = SampleApi.AddressOf(api);
Console.WriteLine($"Identity provider: {provider.Issuer}  (discovery: {provider.Address}/.well-known/openid-configuration)");
Console.WriteLine($"Sample API:        {address}");
if (store == "sqlite")
{
    Console.WriteLine($"Configuration:     SQLite file {Path.GetFullPath(SampleSqliteStore.DefaultFile)} (tenant of the sample users)");
    Console.WriteLine("Change an assignment while the API runs: TOKEN is an access token of alice (the sample's Conditional Access");
    Console.WriteLine("Administrator) signed in with FIDO2 for context c1; If-Match is the ETag the GET returns.");
    Console.WriteLine($"  curl -si -H \"Authorization: Bearer $TOKEN\" {address}{SampleSqliteStore.ManagementPrefix}/permissions");
    Console.WriteLine($"  curl -si -X PUT -H \"Authorization: Bearer $TOKEN\" -H 'If-Match: \"vN\"' -H 'Content-Type: application/json' \\");
    Console.WriteLine($"       -d '{{\"authenticationContextId\":\"c1\"}}' {address}{SampleSqliteStore.ManagementPrefix}/permissions/contoso.billing/invoices/approve");
}

Console.WriteLine("Press Ctrl+C to stop.");
await api.WaitForShutdownAsync();
return 0;
