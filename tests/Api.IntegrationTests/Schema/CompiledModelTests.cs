using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Persistence.CompiledModel;

namespace MusicPlayer.Api.IntegrationTests.Schema;

/// <summary>
/// SQLite starts with the compiled model (Persistence/CompiledModel) instead of building it from the configurations:
/// the two must describe the same model, so a change of entities, configurations or OnModelCreating fails here until
/// <c>tools/compiled-model.sh</c> is run. Other providers build theirs.
/// </summary>
public sealed class CompiledModelTests
{
    private static MusicPlayerDbContext Context(string provider, bool compiled)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Default"] = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused",
            [DatabaseProvider.CompiledModelSetting] = compiled ? "true" : "false",
        }).Build();
        var options = new DbContextOptionsBuilder<MusicPlayerDbContext>();
        DatabaseProvider.Configure(options, configuration);
        return new MusicPlayerDbContext(options.Options);
    }

    [Fact]
    public void CompiledModel_DescribesTheModelTheConfigurationsBuild()
    {
        using var built = Context(DatabaseProvider.Sqlite, compiled: false);
        using var compiled = Context(DatabaseProvider.Sqlite, compiled: true);

        compiled.Model.Should().BeSameAs(MusicPlayerDbContextModel.Instance, "SQLite uses the compiled model");
        built.Model.Should().NotBeSameAs(MusicPlayerDbContextModel.Instance);
        compiled.Model.ToDebugString(MetadataDebugStringOptions.LongDefault)
            .Should().Be(built.Model.ToDebugString(MetadataDebugStringOptions.LongDefault), "run tools/compiled-model.sh after changing the model");
    }

    [Fact]
    public void OtherProviders_BuildTheirOwnModel()
    {
        using var postgres = Context(DatabaseProvider.PostgreSql, compiled: true);

        postgres.Model.Should().NotBeSameAs(MusicPlayerDbContextModel.Instance);
        postgres.Model.GetEntityTypes().Should().HaveSameCount(MusicPlayerDbContextModel.Instance.GetEntityTypes());
    }
}
