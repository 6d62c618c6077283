import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), [
    ("/no-such-page/", "Page not found"),
    ("/es/no-such-page/", "Página no encontrada"),
])
def test_not_found_page_is_the_portals_own_in_the_readers_language(journalist, path, heading):
    response = journalist.get(path)
    assert response.status_code == 404
    assert heading in response.content.decode()
    assert not response.cookies
