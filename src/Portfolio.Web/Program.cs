using Portfolio.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortfolio();
var app = builder.Build();

// `Portfolio.Web migrate [--demo]` applies the migrations and loads the shipped data, then stops: production
// deployments migrate on purpose, never silently at start-up.
if (args.Contains("migrate"))
{
    await DatabaseSetup.RunAsync(app.Services, withDemoData: args.Contains("--demo"));
    return;
}

app.UsePortfolio();
app.Run();

public partial class Program;
