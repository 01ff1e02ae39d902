using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class CommandsOnTheEmptyId : DomainTest
{
    [Fact]
    public async Task a_command_on_the_empty_id_is_refused_as_a_record_that_does_not_exist_and_records_nothing()
    {
        var refused = await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(new AcceptApplication(Guid.Empty, Registrar, At)));

        refused.ShouldBeOfType<NotFoundException>();
        (await CountEventsAsync("application_accepted")).ShouldBe(0);
    }
}
