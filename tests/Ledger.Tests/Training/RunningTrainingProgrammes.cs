using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Training;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Training;

static class Programmes
{
    public static readonly Guid ProgrammeId = Guid.Parse("e1a2b3c4-0000-0000-0000-000000000001");

    public static TrainingProgrammePlanned Planned(int target = 40) =>
        new(ProgrammeId, "BBSPJIKB Yogyakarta", MouId, PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)", TrainingField.Ecoprint, 2026, target,
            Today.AddDays(-40), At.AddDays(-40));

    public static TraineeAdmitted Admitted(Guid? artisan = null) => new(ProgrammeId, artisan ?? ArtisanId, Today.AddDays(-30), At.AddDays(-30));

    public static Mou FirmMou => new[]
    {
        (object)(new MouSigned(MouId, null, "BBSPJIKB Yogyakarta", "Direktur Utama", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2027, 12, 31), At.AddDays(-400))
        {
            PartnerKind = PartnerKind.StateOwnedFirm, PartnerName = "PT Pertamina (Persero)",
        }),
    }.Aggregate(Mou.Initial, Mou.Fold);
}

public sealed class PlanningTrainingProgrammes
{
    static PlanTrainingProgramme Plan => new(Programmes.ProgrammeId, "BBSPJIKB Yogyakarta", MouId, TrainingField.Ecoprint, 2026, 40, Registrar, At);

    [Fact]
    public void a_programme_is_planned_for_the_partner_of_its_mou_with_its_field_year_and_target() =>
        Given<TrainingProgramme>().When(s => PlanTrainingProgramme.Decide(s, Programmes.FirmMou, Plan))
            .Then(new TrainingProgrammePlanned(Programmes.ProgrammeId, "BBSPJIKB Yogyakarta", MouId, PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)",
                TrainingField.Ecoprint, 2026, 40, Today, At));

    [Fact]
    public void a_programme_under_an_unrecorded_mou_is_refused() =>
        Given<TrainingProgramme>().When(s => PlanTrainingProgramme.Decide(s, Mou.Initial, Plan)).ThenRefused("no such MoU");

    [Fact]
    public void a_programme_planned_for_a_day_in_the_future_is_refused() =>
        Given<TrainingProgramme>().When(s => PlanTrainingProgramme.Decide(s, Programmes.FirmMou, Plan with { PlannedOn = Today.AddDays(1) }))
            .ThenRefused($"The planning date {Today.AddDays(1):yyyy-MM-dd} is in the future");

    [Fact]
    public void a_target_of_no_trainees_is_refused() =>
        Given<TrainingProgramme>().When(s => PlanTrainingProgramme.Decide(s, Programmes.FirmMou, Plan with { TargetTrainees = 0 })).ThenRefused("at least one trainee");

    [Fact]
    public void a_year_outside_the_mous_term_is_refused() =>
        Given<TrainingProgramme>().When(s => PlanTrainingProgramme.Decide(s, Programmes.FirmMou, Plan with { Year = 2024, At = At.AddYears(-1) }))
            .ThenRefused("The MoU runs from 2025-01-10 to 2027-12-31, not in 2024.");
}

public sealed class AdmittingTrainees
{
    static readonly Artisan Siti = new[] { (object)ArtisanRegistered() }.Aggregate(Artisan.Initial, Artisan.Fold);

    [Fact]
    public void a_registered_artisan_is_admitted_on_the_day_given() =>
        Given<TrainingProgramme>(Programmes.Planned()).When(s => AdmitTrainee.Decide(s, Siti, new AdmitTrainee(Programmes.ProgrammeId, ArtisanId, Registrar, At)))
            .Then(new TraineeAdmitted(Programmes.ProgrammeId, ArtisanId, Today, At));

    [Fact]
    public void an_artisan_not_registered_in_the_ledger_is_refused() =>
        Should.Throw<NotFoundException>(() => AdmitTrainee.Decide(Given<TrainingProgramme>(Programmes.Planned()).State, Artisan.Initial,
            new AdmitTrainee(Programmes.ProgrammeId, ArtisanId, Registrar, At))).Message.ShouldContain("is registered");

    [Fact]
    public void an_admission_before_the_programme_was_planned_is_refused() =>
        Given<TrainingProgramme>(Programmes.Planned()).When(s => AdmitTrainee.Decide(s, Siti,
                new AdmitTrainee(Programmes.ProgrammeId, ArtisanId, Registrar, At) { AdmittedOn = Today.AddDays(-41) }))
            .ThenRefused($"precedes the planning of the programme of {Today.AddDays(-40):yyyy-MM-dd}");

    [Fact]
    public void an_artisan_is_admitted_once() =>
        Given<TrainingProgramme>(Programmes.Planned(), Programmes.Admitted())
            .When(s => AdmitTrainee.Decide(s, Siti, new AdmitTrainee(Programmes.ProgrammeId, ArtisanId, Registrar, At))).ThenRefused("already admitted");
}

public sealed class CompletingTraining
{
    static CompleteTraining Complete => new(Programmes.ProgrammeId, ArtisanId, Registrar, At);

    [Fact]
    public void a_participant_completes_and_receives_the_centres_training_certificate_numbered_in_the_programme() =>
        Given<TrainingProgramme>(Programmes.Planned(), Programmes.Admitted()).When(s => CompleteTraining.Decide(s, Complete))
            .Then(new TrainingCompleted(Programmes.ProgrammeId, ArtisanId, "PELATIHAN-2026-E1A2B3C4-0001", Today, At));

    [Fact]
    public void the_second_participant_to_complete_gets_the_next_serial()
    {
        var other = Guid.NewGuid();
        Given<TrainingProgramme>(Programmes.Planned(), Programmes.Admitted(), Programmes.Admitted(other),
                new TrainingCompleted(Programmes.ProgrammeId, other, "PELATIHAN-2026-E1A2B3C4-0001", Today, At))
            .When(s => CompleteTraining.Decide(s, Complete))
            .Then(new TrainingCompleted(Programmes.ProgrammeId, ArtisanId, "PELATIHAN-2026-E1A2B3C4-0002", Today, At));
    }

    [Fact]
    public void a_participant_not_admitted_cannot_complete() =>
        Given<TrainingProgramme>(Programmes.Planned()).When(s => CompleteTraining.Decide(s, Complete)).ThenRefused("was not admitted");

    [Fact]
    public void a_completion_before_the_admission_is_refused() =>
        Given<TrainingProgramme>(Programmes.Planned(), Programmes.Admitted())
            .When(s => CompleteTraining.Decide(s, Complete with { CompletedOn = Today.AddDays(-31) }))
            .ThenRefused($"The completion date {Today.AddDays(-31):yyyy-MM-dd} precedes the admission of {Today.AddDays(-30):yyyy-MM-dd}");

    [Fact]
    public void a_participant_completes_once() =>
        Given<TrainingProgramme>(Programmes.Planned(), Programmes.Admitted(), new TrainingCompleted(Programmes.ProgrammeId, ArtisanId, "PELATIHAN-2026-E1A2B3C4-0001", Today, At))
            .When(s => CompleteTraining.Decide(s, Complete)).ThenRefused("already completed");
}

public sealed class NumberingTrainingCertificates
{
    [Fact]
    public void a_training_certificate_number_is_never_read_as_a_competency_certificate_number_nor_the_other_way()
    {
        var training = TrainingCertificateNumber.For(Programmes.ProgrammeId, 2026, 7).ToString();
        training.ShouldBe("PELATIHAN-2026-E1A2B3C4-0007");
        CertificateNumber.TryParse(training, out _, out _).ShouldBeFalse();
        TrainingCertificateNumber.TryParse(Number, out _).ShouldBeFalse();
        TrainingCertificateNumber.TryParse(" pelatihan-2026-e1a2b3c4-0007 ", out var typed).ShouldBeTrue();
        typed.ToString().ShouldBe(training);
    }
}
