using Ledger.Projections.Regencies;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Regencies;

public sealed class ImportingRegencies : ReadSideTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestDatabase.ExecuteAsync($"delete from \"{Schema}\".regencies");
    }

    [Fact]
    public async Task the_official_list_loads_514_regencies_in_38_provinces()
    {
        (await RegencyImport.ImportFileAsync(Database, OfficialList())).ShouldBe(514);

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".regencies")).ShouldBe(514);
        (await TestDatabase.ScalarAsync<long>($"select count(distinct province_code) from \"{Schema}\".regencies")).ShouldBe(38);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".regencies where kind = 'kota'")).ShouldBe(98);
    }

    [Fact]
    public async Task importing_the_list_again_changes_nothing()
    {
        await RegencyImport.ImportFileAsync(Database, OfficialList());
        var before = await TestDatabase.ScalarAsync<string>($"select md5(string_agg(r::text, ',' order by code)) from \"{Schema}\".regencies r");

        (await RegencyImport.ImportFileAsync(Database, OfficialList())).ShouldBe(514);

        (await TestDatabase.ScalarAsync<string>($"select md5(string_agg(r::text, ',' order by code)) from \"{Schema}\".regencies r")).ShouldBe(before);
    }

    [Fact]
    public async Task the_lookup_names_a_regency_and_its_province_and_answers_an_unknown_code_with_itself()
    {
        await RegencyImport.ImportFileAsync(Database, OfficialList());
        var lookup = await RegencyLookup.LoadAsync(Database);

        lookup.Find("36.04").ShouldBe(new Regency("36.04", "Kabupaten Serang", "kabupaten", "36", "Banten"));
        lookup.NameOf("35.23").ShouldBe("Kabupaten Tuban");
        lookup.NameOf("35.17").ShouldBe("Kabupaten Jombang");
        lookup.ProvinceNameOf("35").ShouldBe("Jawa Timur");
        lookup.Find("99.99").ShouldBeNull();
        lookup.NameOf("99.99").ShouldBe("99.99");
        lookup.ProvinceNameOf(Regency.ProvinceOf("99.99")).ShouldBe("99");
        (await RegencyLookup.FindAsync(Database, "36.04")).ShouldNotBeNull().ProvinceName.ShouldBe("Banten");
        (await RegencyLookup.FindAsync(Database, "99.99")).ShouldBeNull();
    }

    [Theory]
    [InlineData("36.04,Kabupaten Serang,kabupaten,36,Banten\n36.4,Kabupaten X,kabupaten,36,Banten", 3, "code '36.4' is not of the form PP.KK")]
    [InlineData("36.04,Kabupaten Serang,desa,36,Banten", 2, "kind 'desa' of regency 36.04")]
    [InlineData("36.04,Kabupaten Serang,kabupaten,35,Banten", 2, "province code '35' does not match regency code 36.04")]
    [InlineData("36.04,Kabupaten Serang,kabupaten,36", 2, "expected 5 fields")]
    [InlineData("36.04,Kabupaten Serang,kabupaten,36,Banten\n36.04,Kabupaten Serang,kabupaten,36,Banten", 3, "code 36.04 already appears on line 2")]
    public async Task a_bad_row_is_refused_naming_its_line_and_nothing_is_written(string rows, int line, string problem)
    {
        var error = await Should.ThrowAsync<RegencyFileException>(
            () => RegencyImport.ImportAsync(Database, new StringReader($"{RegencyImport.Header}\n{rows}\n")));

        error.Line.ShouldBe(line);
        error.Message.ShouldStartWith($"Line {line} of the regency list: ");
        error.Message.ShouldContain(problem);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".regencies")).ShouldBe(0);
    }

    [Fact]
    public async Task a_file_without_the_expected_header_is_refused()
    {
        var error = await Should.ThrowAsync<RegencyFileException>(
            () => RegencyImport.ImportAsync(Database, new StringReader("kode,nama\n36.04,Kabupaten Serang\n")));
        error.Line.ShouldBe(1);
    }
}
