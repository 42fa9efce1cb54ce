using Microsoft.AspNetCore.Authentication.JwtBearer;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddProtectedActions(builder.Configuration.GetSection("ProtectedActions")).AddAspNetCore();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapPost("/invoices/{id}/approve", (string id) => Results.Ok(id))
   .RequireProtectedAction("contoso.billing/invoices/approve");
app.Run();
